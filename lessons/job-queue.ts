import type { Lesson } from '../src/lessons/model.js';

// The documents' job queue: producers RPUSH jobs onto `job_queue`, a worker LPOPs them (and
// sleeps when the queue is empty), then the better worker: BLPOP in its own terminal, woken up
// the moment a producer pushes.

export const lesson: Lesson = {
  id: 'job-queue',
  title: { ko: '작업 큐: 생산자와 작업자', en: 'A job queue: producers and workers' },
  summary: {
    ko: '리스트 하나로 작업 큐를 만들어요. 생산자는 오른쪽에 넣고 작업자는 왼쪽에서 꺼내요. BLPOP으로 작업자가 빈 큐 앞에서 조용히 기다리게 해요.',
    en: 'Build a job queue from one list: producers push on the right, workers pop on the left, and BLPOP lets a worker wait quietly at an empty queue.',
  },
  level: 3,
  prerequisites: ['lists'],
  steps: [
    {
      text: {
        ko: '**생산자**는 작업을 큐의 오른쪽 끝에 넣어요. 문서의 `enqueue_job()`처럼 `job1`부터 `job3`까지 넣어 보세요.',
        en: "A **producer** puts jobs on the right end of the queue. Like the documents' `enqueue_job()`, add `job1` to `job3`.",
      },
      commands: ['RPUSH job_queue job1 job2 job3', 'LRANGE job_queue 0 -1'],
      pythonCode: `def enqueue_job(job_data):
    r.rpush("job_queue", job_data)

enqueue_job(b"job1")
enqueue_job(b"job2")
enqueue_job(b"job3")`,
      hints: [
        {
          ko: '두 번 실행했다면 같은 작업이 두 번 들어가요. **리셋**으로 비울 수 있어요.',
          en: 'Ran it twice? Each job is in twice now; **Reset** empties the queue.',
        },
      ],
      solution: ['RPUSH job_queue job1 job2 job3'],
      check: { key: 'job_queue', type: 'list', member: 'job3' },
    },
    {
      text: {
        ko: '**작업자**는 왼쪽 끝에서 꺼내요. 먼저 넣은 것이 먼저 나오는 선입선출(FIFO)이에요. `LPOP`은 꺼낸 값을 돌려주고 리스트에서 지워요.',
        en: 'A **worker** takes from the left end: first in, first out. `LPOP` answers the element and removes it from the list.',
      },
      commands: ['LPOP job_queue'],
      pythonCode: `def process_job(job: bytes) -> None:
    print(f"Processing job: {job.decode()}")

job = r.lpop("job_queue")
if job:
    process_job(job)  # Processing job: job1`,
      hints: [
        {
          ko: '여러 작업자가 동시에 `LPOP`해도 같은 작업을 두 번 받는 일은 없어요. 명령 하나하나가 원자적이기 때문이에요.',
          en: 'Several workers may `LPOP` at once and never get the same job twice: each command is atomic.',
        },
      ],
      solution: ['LPOP job_queue'],
      check: { reply: { command: 'LPOP job_queue', matches: /^"job\d"$/ } },
    },
    {
      text: {
        ko: '큐를 끝까지 비워 보세요. 비어 있으면 `LPOP`은 `(nil)`을 돌려주고, 리스트 키는 사라져요. 문서의 작업자는 이때 `time.sleep(1)`로 1초 쉬고 다시 물어봐요. 작업이 와도 최대 1초 늦게 알아채고, 할 일이 없어도 계속 서버에 묻게 돼요.',
        en: "Empty the queue. When nothing is left, `LPOP` answers `(nil)` and the list key is gone. The documents' worker then sleeps for a second with `time.sleep(1)` and asks again: up to a second late for new work, and asking the server all the time when there is none.",
      },
      commands: ['LPOP job_queue', 'LPOP job_queue', 'LPOP job_queue'],
      pythonCode: `def worker():
    while True:
        job = r.lpop("job_queue")
        if job:
            process_job(job)
        else:
            time.sleep(1)  # poll again in a second`,
      hints: [{ ko: '`(nil)`이 나올 때까지 `LPOP`을 반복하세요.', en: 'Repeat `LPOP` until it says `(nil)`.' }],
      solution: ['LPOP job_queue', 'LPOP job_queue', 'LPOP job_queue'],
      check: { all: [{ key: 'job_queue', exists: false }, { reply: { command: 'LPOP job_queue', equals: '(nil)' } }] },
    },
    {
      text: {
        ko: '`BLPOP`은 **기다리는** `LPOP`이에요. 큐가 비어 있으면 작업이 들어올 때까지 연결을 붙잡고 기다렸다가 바로 답해요. 마지막 인자는 최대 대기 시간(초)이고 `0`은 무한정이에요.\n\n작업자는 따로 돌아가는 프로세스이니 **두 번째 터미널**에서 `BLPOP`을 실행하세요. 프롬프트가 사라진 채 기다려요. 그다음 **첫 번째 터미널**의 생산자가 작업을 넣으면 작업자가 곧바로 깨어나요.',
        en: '`BLPOP` is an `LPOP` that **waits**. On an empty queue it holds the connection until a job arrives, then answers at once. The last argument is the longest wait in seconds; `0` means forever.\n\nA worker is a process of its own, so run `BLPOP` in the **second terminal**: it waits with no prompt. Then the producer in the **first terminal** pushes a job and the worker wakes up straight away.',
      },
      commands: [{ client: 2, line: 'BLPOP job_queue 0' }, 'RPUSH job_queue job4 job5'],
      pythonCode: `# worker.py: no sleeping, no polling
def process_job(job: bytes) -> None:
    print(f"Processing job: {job.decode()}")

while True:
    _, job = r.blpop("job_queue")  # waits as long as it takes
    process_job(job)

# enqueue_jobs_1.py is another process (or the first terminal), which wakes the worker up:
#     r.rpush("job_queue", b"job4", b"job5")`,
      hints: [
        {
          ko: '`BLPOP`의 답은 두 줄이에요. 어느 리스트에서 꺼냈는지와 꺼낸 값이에요.',
          en: 'The answer of `BLPOP` has two lines: which list it took from, and the element.',
        },
        { ko: '기다리는 터미널에서 빠져나오려면 그 터미널에서 Ctrl-C를 누르세요.', en: 'To stop a waiting terminal, press Ctrl-C in it.' },
      ],
      solution: [{ client: 2, line: 'BLPOP job_queue 0' }, 'RPUSH job_queue job4 job5'],
      check: { reply: { command: 'BLPOP job_queue 0', client: 2, equals: '1) "job_queue"\n2) "job4"' } },
    },
    {
      text: {
        ko: '큐에 작업이 남아 있으면 `BLPOP`은 기다리지 않고 바로 꺼내요. 두 번째 생산자(`enqueue_jobs_2.py`)가 작업을 더 넣는 동안 작업자가 남은 작업을 가져가게 해 보세요. 작업자를 여러 개 띄우면 일을 나눠 가져요.',
        en: 'With jobs waiting, `BLPOP` does not wait at all. While a second producer (`enqueue_jobs_2.py`) adds more, let the worker take what is there. Start several workers and they share the work.',
      },
      commands: ['RPUSH job_queue job6 job7 job8', { client: 2, line: 'BLPOP job_queue 0' }, 'LRANGE job_queue 0 -1'],
      pythonCode: `# enqueue_jobs_2.py
for job in (b"job6", b"job7", b"job8"):
    r.rpush("job_queue", job)`,
      hints: [{ ko: '첫 번째 `BLPOP`은 4단계에서 남은 `job5`를 가져가요.', en: 'The first `BLPOP` takes `job5`, left over from step 4.' }],
      solution: ['RPUSH job_queue job6 job7 job8', { client: 2, line: 'BLPOP job_queue 0' }],
      check: {
        all: [{ key: 'job_queue', member: 'job8' }, { reply: { command: 'BLPOP job_queue 0', client: 2, matches: /^1\) "job_queue"\n2\) "job\d"$/ } }],
      },
    },
    {
      challenge: true,
      text: {
        ko: '급한 작업 `urgent1`이 들어왔어요. 큐에서 기다리는 `job6`보다 먼저, 작업자가 **바로 다음에** 꺼내야 해요. 첫 번째 터미널에서 큐에 넣고, 두 번째 터미널의 작업자가 작업을 하나 꺼내게 하세요. 작업자가 받은 작업이 `urgent1`이어야 해요.',
        en: 'An urgent job, `urgent1`, has come in. The worker must take it **next**, ahead of `job6`, which is waiting in the queue. Push it from the first terminal, then let the worker in the second terminal take one job: it must get `urgent1`.',
      },
      commands: [],
      hints: [
        {
          ko: '작업자는 왼쪽 끝에서 꺼내요. 그렇다면 급한 작업은 어느 쪽 끝에 넣어야 할까요?',
          en: 'The worker takes from the left end. So which end should the urgent job go in?',
        },
        {
          ko: '작업자는 4단계처럼 두 번째 터미널에서 `BLPOP`으로 꺼내요. `LRANGE job_queue 0 -1`로 순서를 먼저 확인해 봐도 좋아요.',
          en: 'The worker takes with `BLPOP` in the second terminal, as in step 4. `LRANGE job_queue 0 -1` shows the order first.',
        },
      ],
      solution: ['LPUSH job_queue urgent1', { client: 2, line: 'BLPOP job_queue 0' }],
      check: {
        all: [{ reply: { client: 2, matches: /^(1\) "job_queue"\n2\) )?"urgent1"$/ } }, { key: 'job_queue', member: 'job6' }],
      },
    },
  ],
};
