import { useUi } from '../../store/ui-store.js';
import { existingTerminal } from '../terminal/terminals.js';

interface Step {
  text: { en: string; ko: string };
  commands: string[];
}

// A first walk for someone who just arrived; the guided lessons build on the same commands.
const STEPS: Step[] = [
  { text: { en: 'Say hello to the server.', ko: '서버에 인사해 보세요.' }, commands: ['PING'] },
  {
    text: { en: 'Store a value under a key, then read it back.', ko: '키에 값을 저장하고 다시 읽어 보세요.' },
    commands: ['SET greeting "hello world"', 'GET greeting'],
  },
  { text: { en: 'Count with an atomic counter.', ko: '원자적 카운터로 세어 보세요.' }, commands: ['INCR visits', 'INCRBY visits 10'] },
  {
    text: { en: 'Give a key ten seconds to live and watch it go.', ko: '키에 10초의 수명을 주고 사라지는 것을 지켜보세요.' },
    commands: ['SET session:42 alice EX 10', 'TTL session:42'],
  },
  {
    text: { en: 'Open a second terminal (+) and make a transaction fail with WATCH.', ko: '두 번째 터미널(+)을 열고 WATCH로 트랜잭션을 실패시켜 보세요.' },
    commands: ['WATCH greeting', 'MULTI', 'SET greeting changed', 'EXEC'],
  },
];

function locale(): 'ko' | 'en' {
  return typeof navigator !== 'undefined' && navigator.language.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

/** Runs a command line in the active terminal, as if typed there. */
function runInTerminal(line: string): void {
  const { activeTab } = useUi.getState();
  const entry = existingTerminal(activeTab);
  if (!entry) return;
  entry.session.typeLine(line);
  entry.term.focus();
}

export function QuickStart() {
  const lang = locale();
  return (
    <div className="quickstart">
      <h2>{lang === 'ko' ? '시작하기' : 'Start here'}</h2>
      <p className="muted">
        {lang === 'ko'
          ? '가운데 터미널은 redis-cli와 똑같이 동작합니다. 명령을 누르면 터미널에서 실행됩니다.'
          : 'The terminal in the middle works like redis-cli. Click a command to run it there, or type your own.'}
      </p>
      <ol>
        {STEPS.map((step, i) => (
          <li key={i}>
            <p>{step.text[lang]}</p>
            {step.commands.map((c) => (
              <button key={c} className="run-command" onClick={() => runInTerminal(c)} title="Run in the active terminal">
                <code>{c}</code>
              </button>
            ))}
          </li>
        ))}
      </ol>
      <p className="muted">
        {lang === 'ko' ? '명령어 도움말을 보려면 터미널에 ' : 'For help on any command, type '}
        <code>HELP SET</code>
        {lang === 'ko' ? ' 또는 ' : ' or '}
        <code>HELP @list</code>
        {lang === 'ko' ? '를 입력하세요.' : ' in the terminal.'}
      </p>
    </div>
  );
}
