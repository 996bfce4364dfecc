import type { Lesson } from '../src/lessons/model.js';

// Lists as task lists and queues: the tasks list pushed and popped at both ends, LRANGE over it
// and over other_tasks / a missing list, the job_queue worker's RPUSH + LPOP, the ips list
// the hat shop's watcher reads, and the `queue` list where LPUSH + LPOP turns out to be a stack,
// with BRPOP and a timeout.

export const lesson: Lesson = {
  id: 'lists',
  title: { ko: '리스트: 할 일 목록과 작업 큐', en: 'Lists: task lists and job queues' },
  summary: {
    ko: '순서가 있는 리스트의 양쪽 끝에 넣고 빼면서, 할 일 목록과 먼저 들어온 작업부터 처리하는 큐를 만들어 봐요.',
    en: 'Push and pop at both ends of an ordered list to build a task list, then a queue that handles the oldest job first.',
  },
  level: 2,
  prerequisites: ['first-contact'],
  steps: [
    {
      text: {
        ko: '리스트는 문자열을 순서대로 담아요. 명령 이름의 `L`은 왼쪽(머리), `R`은 오른쪽(꼬리)을 뜻해요.\n\n`LPUSH`로 왼쪽에, `RPUSH`로 오른쪽에 하나씩 넣고 `LRANGE tasks 0 -1`로 처음부터 끝까지 보세요. `-1`은 마지막 요소를 가리켜요.',
        en: 'A list keeps strings in order. In command names `L` means the left end (head) and `R` the right end (tail).\n\nAdd one item on the left with `LPUSH` and one on the right with `RPUSH`, then show everything with `LRANGE tasks 0 -1`; `-1` means the last element.',
      },
      commands: ['LPUSH tasks "write code"', 'RPUSH tasks "test code"', 'LRANGE tasks 0 -1'],
      pythonCode: `r.lpush("tasks", "write code")  # left
r.rpush("tasks", "test code")   # right
print(r.lrange("tasks", 0, -1))`,
      hints: [{ ko: '`LPUSH`와 `RPUSH`는 넣은 뒤의 리스트 길이를 돌려줘요.', en: '`LPUSH` and `RPUSH` answer the length of the list after the push.' }],
      solution: ['LPUSH tasks "write code"', 'RPUSH tasks "test code"', 'LRANGE tasks 0 -1'],
      check: { key: 'tasks', type: 'list', length: 2 },
    },
    {
      text: {
        ko: '`LPOP`은 왼쪽에서, `RPOP`은 오른쪽에서 요소를 **꺼내면서 지워요**. 둘 다 꺼내고 나면 `EXISTS tasks`는 `0`이에요. Redis는 빈 리스트를 남겨 두지 않고 키째 없애기 때문이에요.',
        en: '`LPOP` takes an element off the left end and `RPOP` off the right, **removing** it as it returns it. After both, `EXISTS tasks` says `0`: Redis never keeps an empty list, it drops the key.',
      },
      commands: ['LPOP tasks', 'RPOP tasks', 'EXISTS tasks'],
      pythonCode: `print(r.lpop("tasks").decode())  # write code
print(r.rpop("tasks").decode())  # test code
print(r.exists("tasks"))         # 0`,
      hints: [
        {
          ko: '리스트에 요소가 더 있다면 `LRANGE tasks 0 -1`로 확인하고 빌 때까지 꺼내세요.',
          en: 'More items left? Check with `LRANGE tasks 0 -1` and pop until it is empty.',
        },
      ],
      solution: ['LPOP tasks', 'RPOP tasks', 'EXISTS tasks'],
      check: {
        all: [{ reply: { command: 'LPOP tasks', equals: '"write code"' } }, { key: 'tasks', exists: false }],
      },
    },
    {
      text: {
        ko: '`RPUSH`에 값을 여러 개 주면 적은 순서대로 뒤에 붙어요. 할 일 세 개를 한 번에 넣고 전체를 읽어 보세요.',
        en: 'Give `RPUSH` several values and they are appended in the order written. Add three tasks in one go and read the whole list.',
      },
      commands: ['RPUSH tasks "write code" "review code" "test code"', 'LRANGE tasks 0 -1'],
      pythonCode: `r.rpush("tasks", "write code", "review code", "test code")
print(r.lrange("tasks", 0, -1))`,
      hints: [
        { ko: '`LPUSH`로 여러 개를 넣으면 순서가 뒤집힌다는 점도 확인해 보세요.', en: 'Try `LPUSH` with several values too: they end up in reverse order.' },
      ],
      solution: ['RPUSH tasks "write code" "review code" "test code"', 'LRANGE tasks 0 -1'],
      check: {
        all: [
          { key: 'tasks', length: 3, member: 'review code' },
          { reply: { command: 'LRANGE tasks 0 -1', equals: '1) "write code"\n2) "review code"\n3) "test code"' } },
        ],
      },
    },
    {
      text: {
        ko: '리스트는 키마다 따로예요. `other_tasks`에 하나를 넣고 읽어 보세요. 없는 리스트를 `LRANGE`로 읽으면 오류가 아니라 빈 목록이 나와요.',
        en: 'Each key is its own list. Put one item in `other_tasks` and read it. Reading a list that does not exist with `LRANGE` is not an error: you get an empty list.',
      },
      commands: ['LPUSH other_tasks "write code 2"', 'LRANGE other_tasks 0 -1', 'LRANGE no_exist_tasks 0 -1'],
      pythonCode: `r.lpush("other_tasks", "write code 2")
print(r.lrange("other_tasks", 0, -1))     # [b'write code 2']
print(r.lrange("no_exist_tasks", 0, -1))  # []`,
      hints: [{ ko: 'redis-cli는 빈 목록을 `(empty array)`로 보여 줘요.', en: '`(empty array)` is how redis-cli shows an empty list.' }],
      solution: ['LPUSH other_tasks "write code 2"', 'LRANGE other_tasks 0 -1', 'LRANGE no_exist_tasks 0 -1'],
      check: {
        all: [{ key: 'other_tasks', member: 'write code 2' }, { reply: { command: 'LRANGE no_exist_tasks 0 -1', equals: '(empty array)' } }],
      },
    },
    {
      text: {
        ko: '이제 작업 큐예요. 작업을 만드는 쪽은 `RPUSH`로 뒤에 넣고, 처리하는 쪽(워커)은 `LPOP`으로 앞에서 꺼내요. 먼저 들어온 작업이 먼저 나가는 FIFO 큐가 돼요.\n\n생산자가 여럿이어도 상관없어요. 모두 같은 `job_queue`에 넣으면 워커는 도착한 순서대로 처리해요.',
        en: 'Now a job queue. Producers `RPUSH` jobs onto the tail and the worker `LPOP`s them off the head: first in, first out.\n\nAny number of producers can share it; they all push to the same `job_queue` and the worker handles jobs in arrival order.',
      },
      commands: ['RPUSH job_queue job1 job2 job3', 'LPOP job_queue', 'LLEN job_queue'],
      pythonCode: `def enqueue_job(job_data):
    r.rpush("job_queue", job_data)

for job in (b"job1", b"job2", b"job3"):
    enqueue_job(job)

job = r.lpop("job_queue")  # b'job1'
print(r.llen("job_queue"))  # 2`,
      hints: [
        {
          ko: '워커가 빈 큐를 계속 두드리지 않게 하려면 `BLPOP`을 써요. 새 작업이 올 때까지 기다렸다가 꺼내요.',
          en: 'To keep a worker from polling an empty queue, use `BLPOP`: it waits until a job arrives.',
        },
      ],
      solution: ['RPUSH job_queue job1 job2 job3', 'LPOP job_queue', 'LLEN job_queue'],
      check: {
        all: [{ reply: { command: 'LPOP job_queue', equals: '"job1"' } }, { key: 'job_queue', length: 2 }],
      },
    },
    {
      text: {
        ko: '최근 기록을 쌓는 데도 리스트가 쓰여요. 모자 가게의 미들웨어는 들어오는 요청의 IP 주소를 `ips`에 `LPUSH`해요. 같은 주소가 두 번 들어가도 리스트는 둘 다 기억해요. 집합과 다른 점이에요.',
        en: "Lists also keep recent history. The hat shop's middleware `LPUSH`es every visitor's IP address onto `ips`. The same address twice stays twice: unlike a set, a list remembers duplicates.",
      },
      commands: ['LPUSH ips 51.218.112.236', 'LPUSH ips 90.213.45.98', 'LPUSH ips 115.215.230.176', 'LPUSH ips 51.218.112.236', 'LRANGE ips 0 -1'],
      pythonCode: `for addr in ("51.218.112.236", "90.213.45.98", "115.215.230.176", "51.218.112.236"):
    print(r.lpush("ips", addr))  # 1, 2, 3, 4`,
      hints: [{ ko: '`LPUSH ips a b c`처럼 한 번에 넣어도 결과는 같아요.', en: 'One `LPUSH ips a b c` gives the same result.' }],
      solution: ['LPUSH ips 51.218.112.236', 'LPUSH ips 90.213.45.98', 'LPUSH ips 115.215.230.176', 'LPUSH ips 51.218.112.236'],
      check: { key: 'ips', length: 4, member: '90.213.45.98' },
    },
    {
      text: {
        ko: '이번에는 `queue`라는 리스트예요. 왼쪽에 `task1`, `task2`를 넣고 오른쪽에 `task3`을 넣은 뒤 **왼쪽에서** 꺼내 보세요. 먼저 넣은 `task1`이 아니라 마지막으로 왼쪽에 넣은 `task2`가 나와요. 넣은 쪽에서 다시 꺼내면 나중에 들어온 것이 먼저 나가는 **스택**(LIFO)이에요. 이름이 `queue`라고 큐가 되지는 않아요. 먼저 들어온 것부터 꺼내려면 5단계처럼 넣는 쪽과 꺼내는 쪽을 반대로 해야 해요.\n\n`BRPOP queue 5`는 오른쪽 끝에서 꺼내는 **블로킹** 버전이에요. 요소가 있으면 바로 꺼내고, 리스트가 비어 있으면 최대 5초 기다렸다가 그래도 없으면 `(nil)`을 돌려줘요. 답에는 꺼낸 리스트의 이름도 함께 나와요.',
        en: 'Now a list named `queue`. Push `task1` and `task2` on the left, `task3` on the right, then pop from the **left**. Out comes `task2`, the last one pushed on that side, not `task1`, the first. Popping from the end you push to gives a **stack**: last in, first out. Calling the key `queue` does not make it one; to take the oldest item first, push and pop at opposite ends, as in step 5.\n\n`BRPOP queue 5` is the **blocking** pop from the right end. With an element there it takes it at once; on an empty list it waits up to 5 seconds and, if nothing arrives, answers `(nil)`. Its answer also names the list it popped from.',
      },
      commands: ['LPUSH queue task1 task2', 'RPUSH queue task3', 'LRANGE queue 0 -1', 'LPOP queue', 'BRPOP queue 5', 'LRANGE queue 0 -1'],
      pythonCode: `r.lpush("queue", "task1", "task2")  # [task2, task1]
r.rpush("queue", "task3")           # [task2, task1, task3]
item = r.lpop("queue")              # b'task2': the side LPUSH used, so LIFO
item = r.brpop("queue", timeout=5)  # (b'queue', b'task3'); None after 5 s if empty
print(r.lrange("queue", 0, -1))     # [b'task1']`,
      hints: [
        {
          ko: '`LRANGE queue 0 -1`을 중간중간 실행해 리스트가 어떻게 바뀌는지 보세요.',
          en: 'Run `LRANGE queue 0 -1` between the steps to watch the list change.',
        },
        {
          ko: '여러 번 눌러 순서가 꼬였다면 `DEL queue` 후 처음부터 다시 하세요. 타임아웃 `0`은 끝없이 기다린다는 뜻이에요.',
          en: 'Pressed Run too often and lost track? `DEL queue` and start over. A timeout of `0` means wait forever.',
        },
      ],
      solution: ['LPUSH queue task1 task2', 'RPUSH queue task3', 'LPOP queue', 'BRPOP queue 5', 'LRANGE queue 0 -1'],
      check: {
        all: [
          { reply: { command: 'LPOP queue', equals: '"task2"' } },
          { reply: { command: 'BRPOP queue 5', equals: '1) "queue"\n2) "task3"' } },
          { key: 'queue', length: 1, member: 'task1' },
        ],
      },
    },
    {
      challenge: true,
      text: {
        ko: '5단계의 `job_queue`에는 아직 `job2`와 `job3`이 남아 있어요. 생산자가 새 작업 `job4`를 넣고, 이어서 워커가 다음 작업을 하나 꺼내요. 워커가 받은 작업은 `job2`여야 하고, 큐에는 `job3`과 `job4` 두 개가 남아야 해요.',
        en: "Step 5's `job_queue` still holds `job2` and `job3`. A producer adds a new job, `job4`; then the worker takes the next job. The worker must get `job2`, and `job3` and `job4` must be left in the queue.",
      },
      commands: [],
      hints: [
        {
          ko: '먼저 들어온 작업이 먼저 나가려면, 넣는 쪽과 꺼내는 쪽이 서로 반대 끝이어야 해요.',
          en: 'For the oldest job to leave first, jobs go in at one end and come out at the other.',
        },
        {
          ko: '큐가 꼬였다면 `LRANGE job_queue 0 -1`로 보고, `DEL job_queue` 후 `job2`, `job3`을 다시 넣어 시작하세요.',
          en: 'Lost track? Look with `LRANGE job_queue 0 -1`, or `DEL job_queue`, push `job2` and `job3` back, and start over.',
        },
      ],
      solution: ['RPUSH job_queue job4', 'LPOP job_queue'],
      check: {
        all: [
          { reply: { command: 'LPOP job_queue', equals: '"job2"' } },
          { key: 'job_queue', length: 2, member: 'job4' },
          { key: 'job_queue', member: 'job3' },
        ],
      },
    },
  ],
};
