// What the lesson view tells a learner whose step has not passed, in each language: the core's
// feedback (src/lessons/session.ts) in plain words. Markdown-lite: `code` and **bold**.

import type { Miss } from '../../lessons/check.js';
import type { Locale } from '../../lessons/model.js';

/** `x` as inline code, safe for values that hold backticks themselves. */
function code(v: string): string {
  return v.includes('`') ? `“${v}”` : '`' + v + '`';
}

function seconds(s: number): string {
  return s >= 10 ? String(Math.round(s)) : s.toFixed(1);
}

const en = {
  heading: 'Not yet:',
  error: (line: string, error: string) => `Redis answered ${code(line)} with an error: **${error}**`,
  syntax: (syntax: string) => `The command takes: ${code(syntax)}`,
  hint: 'A hint for this step:',
  db: (db: number, lessonDb: number) =>
    `Your terminal is in database ${db}, and this lesson works in database ${lessonDb}: its keys are not where you wrote. Type ${code(`SELECT ${lessonDb}`)}, then run the step's commands again.`,
  clock: (ahead: string | null) =>
    `The clock is paused${ahead !== null ? ` (${ahead} ahead of real time)` : ''}, so no time passes and no TTL runs out. Put it back on real time, or fast-forward.`,
  miss: (m: Miss, db: number): string => {
    switch (m.kind) {
      case 'no-key':
        return `There is no key ${code(m.key)} in database ${db} yet.`;
      case 'key-exists':
        return `${code(m.key)} still exists.`;
      case 'type':
        return `${code(m.key)} holds a ${m.got}, and this step needs a ${m.want}.`;
      case 'value':
        return m.got === null ? `${code(m.key)} has no value.` : `${code(m.key)} holds ${code(m.got)}; this step expects ${code(m.want)}.`;
      case 'no-ttl':
        return `${code(m.key)} has no time to live: it would stay forever.`;
      case 'ttl':
        return `${code(m.key)} has ${seconds(m.got)} s left; this step expects between ${m.want[0]} and ${m.want[1]} s.`;
      case 'length':
        return `${code(m.key)} has ${m.got ?? 'no'} elements (or bytes, for a string); this step expects ${m.want}.`;
      case 'member':
        return `${code(m.member)} is not in ${code(m.key)} yet.`;
      case 'field':
        return m.got === null
          ? `${code(m.key)} has no field ${code(m.field)} yet; this step expects ${code(m.want)} there.`
          : `Field ${code(m.field)} of ${code(m.key)} holds ${code(m.got)}; this step expects ${code(m.want)}.`;
      case 'score':
        return m.got === null
          ? `${code(m.member)} has no score in ${code(m.key)} yet; this step expects ${m.want}.`
          : `${code(m.member)} has the score ${m.got} in ${code(m.key)}; this step expects ${m.want}.`;
      case 'not-run':
        return m.command === undefined
          ? 'This step still waits for a command.'
          : `This step waits for ${code(m.command)}${m.client === 2 ? ' in the second terminal' : ''}.`;
      case 'reply':
        return `${m.command === undefined ? 'Your command' : code(m.command)} answered ${code(m.got)}, not what this step looks for.`;
      case 'not-received':
        return `No subscribed terminal has received a message on ${code(m.channel)} yet.`;
      case 'not-printed':
        return `Your Python program has not printed ${code(m.want)} yet.`;
    }
  },
};

export type FeedbackStrings = typeof en;

const ko: FeedbackStrings = {
  // Particles attach to fixed words (키, 명령, 필드…), never to a value whose last sound varies.
  heading: '아직이에요:',
  error: (line: string, error: string) => `Redis가 ${code(line)} 명령에 오류로 답했어요: **${error}**`,
  syntax: (syntax: string) => `이 명령의 형식: ${code(syntax)}`,
  hint: '이 단계의 힌트:',
  db: (db: number, lessonDb: number) =>
    `지금 터미널은 ${db}번 데이터베이스에 있는데, 이 레슨은 ${lessonDb}번 데이터베이스에서 진행해요. 그래서 방금 쓴 키가 레슨이 보는 곳에 없어요. ${code(`SELECT ${lessonDb}`)} 명령으로 옮긴 뒤 이 단계의 명령을 다시 실행하세요.`,
  clock: (ahead: string | null) =>
    `시계가 멈춰 있어요${ahead !== null ? `(실제 시간보다 ${ahead} 앞서 있음)` : ''}. 시간이 흐르지 않으니 TTL도 줄지 않아요. 실제 시간으로 되돌리거나 시계를 앞으로 돌리세요.`,
  miss: (m: Miss, db: number): string => {
    switch (m.kind) {
      case 'no-key':
        return `${db}번 데이터베이스에 아직 ${code(m.key)} 키가 없어요.`;
      case 'key-exists':
        return `${code(m.key)} 키가 아직 남아 있어요.`;
      case 'type':
        return `${code(m.key)} 키는 ${m.got} 타입인데, 이 단계에는 ${m.want} 타입이 필요해요.`;
      case 'value':
        return m.got === null
          ? `${code(m.key)} 키에 값이 없어요.`
          : `${code(m.key)} 키의 값이 이 단계가 기대하는 값과 달라요. 지금 값: ${code(m.got)} / 기대하는 값: ${code(m.want)}`;
      case 'no-ttl':
        return `${code(m.key)} 키에 만료 시간이 없어요. 이대로면 영원히 남아요.`;
      case 'ttl':
        return `${code(m.key)} 키의 남은 시간은 ${seconds(m.got)}초예요. 이 단계는 ${m.want[0]}~${m.want[1]}초를 기대해요.`;
      case 'length':
        return `${code(m.key)} 키의 요소는 ${m.got ?? 0}개예요(문자열이면 바이트 수). 이 단계는 ${m.want}개를 기대해요.`;
      case 'member':
        return `${code(m.key)} 키에 아직 ${code(m.member)} 멤버가 없어요.`;
      case 'field':
        return m.got === null
          ? `${code(m.key)} 키에 아직 ${code(m.field)} 필드가 없어요. 기대하는 값: ${code(m.want)}`
          : `${code(m.key)} 키의 ${code(m.field)} 필드 값이 달라요. 지금 값: ${code(m.got)} / 기대하는 값: ${code(m.want)}`;
      case 'score':
        return m.got === null
          ? `${code(m.key)} 키에 아직 ${code(m.member)} 멤버의 점수가 없어요. 기대하는 점수: ${m.want}`
          : `${code(m.key)} 키에서 ${code(m.member)} 멤버의 점수가 달라요. 지금 점수: ${m.got} / 기대하는 점수: ${m.want}`;
      case 'not-run':
        return m.command === undefined
          ? '이 단계는 아직 명령을 기다리고 있어요.'
          : `이 단계는 ${m.client === 2 ? '두 번째 터미널에서 ' : ''}${code(m.command)} 명령을 기다리고 있어요.`;
      case 'reply':
        return `${m.command === undefined ? '방금 실행한' : code(m.command)} 명령의 응답이 이 단계에서 찾는 것과 달라요. 받은 응답: ${code(m.got)}`;
      case 'not-received':
        return `구독 중인 터미널이 아직 ${code(m.channel)} 채널의 메시지를 받지 못했어요.`;
      case 'not-printed':
        return `파이썬 프로그램이 아직 ${code(m.want)}을(를) 출력하지 않았어요.`;
    }
  },
};

export const FEEDBACK: Record<Locale, FeedbackStrings> = { en, ko };
