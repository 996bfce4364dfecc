import type { Lesson } from '../src/lessons/model.js';

// The documents' pub/sub pair: subscriber.py on channel `news` in one terminal, publisher.py
// sending 'Redis 6.2 Released!' from another; then a pattern subscription (user:*) and the
// `user:events` signup event.

export const lesson: Lesson = {
  id: 'pub-sub',
  title: { ko: '발행/구독(Pub/Sub)', en: 'Publish and subscribe' },
  summary: {
    ko: '한 터미널은 채널을 구독하고, 다른 터미널은 메시지를 발행해요. 메시지는 저장되지 않고 지금 듣고 있는 구독자에게만 전달돼요.',
    en: 'One terminal subscribes to a channel, the other publishes messages. Messages are not stored: they reach only those listening right now.',
  },
  level: 3,
  prerequisites: ['first-contact'],
  steps: [
    {
      text: {
        ko: '문서에서처럼 **구독자를 먼저** 실행해요. 구독자는 별도의 연결이 필요하니 **두 번째 터미널**을 열고 `news` 채널을 구독하세요.\n\n구독을 시작한 터미널은 프롬프트 없이 메시지를 기다려요. 나중에 빠져나올 때는 그 터미널에서 **Ctrl-C**를 누르면 돼요.',
        en: 'As in the documents, start the **subscriber first**. It needs a connection of its own: open a **second terminal** and subscribe to the `news` channel.\n\nA subscribed terminal shows no prompt; it waits for messages. To leave later, press **Ctrl-C** in it.',
      },
      commands: [{ client: 2, line: 'SUBSCRIBE news' }],
      pythonCode: `# subscriber.py
def message_handler(message):
    print(f"Received message: {message['data'].decode()}")

pubsub = r.pubsub()
pubsub.subscribe(**{"news": message_handler})
pubsub.run_in_thread(sleep_time=1)`,
      hints: [
        { ko: '답의 세 번째 줄은 이 연결이 구독 중인 채널 수예요.', en: 'The third line of the answer is how many channels this connection now listens to.' },
      ],
      solution: [{ client: 2, line: 'SUBSCRIBE news' }],
      check: { reply: { command: 'SUBSCRIBE news', client: 2, matches: /^1\) "subscribe"\n2\) "news"/ } },
    },
    {
      text: {
        ko: '이제 **첫 번째 터미널**이 발행자예요. `PUBLISH`는 메시지를 받은 구독자 수를 돌려줘요. 두 번째 터미널에 메시지가 나타나는지 보세요.',
        en: 'The **first terminal** is the publisher now. `PUBLISH` answers how many subscribers got the message. Watch it appear in the second terminal.',
      },
      commands: ['PUBLISH news "Redis 6.2 Released!"', 'PUBLISH news "New Tutorial on Redis Pub/Sub"'],
      pythonCode: `# publisher.py
channel = "news"
r.publish(channel, "Redis 6.2 Released!")
r.publish(channel, "New Tutorial on Redis Pub/Sub")`,
      hints: [
        {
          ko: '`(integer) 0`이 나왔다면 아무도 듣고 있지 않은 거예요. 1단계의 구독을 다시 확인하세요.',
          en: 'Got `(integer) 0`? Nobody is listening: check the subscription from step 1.',
        },
      ],
      solution: ['PUBLISH news "Redis 6.2 Released!"', 'PUBLISH news "New Tutorial on Redis Pub/Sub"'],
      check: {
        all: [
          { received: { channel: 'news', message: 'Redis 6.2 Released!' } },
          // 1, or 2 when step 1's Python subscriber listens too (its run_in_thread goes on).
          { reply: { command: 'PUBLISH news "Redis 6.2 Released!"', client: 1, matches: /^\(integer\) [1-9]\d*$/ } },
        ],
      },
    },
    {
      text: {
        ko: 'Pub/Sub 메시지는 **어디에도 저장되지 않아요**. 아무도 구독하지 않은 채널에 발행하면 메시지는 그냥 사라지고 `0`이 돌아와요. 나중에 접속한 구독자도 지난 메시지를 받지 못해요. 메시지를 남겨야 한다면 리스트나 스트림을 쓰세요.',
        en: 'Pub/sub messages are **stored nowhere**. Publish on a channel nobody listens to and the message is simply gone, with `0` as the answer; a subscriber who joins later never sees it. If messages must be kept, use a list or a stream.',
      },
      commands: ['PUBLISH sports "nobody hears this"', 'KEYS *'],
      pythonCode: `print(r.publish("sports", "nobody hears this"))  # 0`,
      hints: [
        {
          ko: '`KEYS *`에도 채널이나 메시지는 보이지 않아요. 채널은 키가 아니에요.',
          en: '`KEYS *` shows no channel or message either: channels are not keys.',
        },
      ],
      solution: ['PUBLISH sports "nobody hears this"'],
      check: { reply: { command: 'PUBLISH sports "nobody hears this"', equals: '(integer) 0' } },
    },
    {
      text: {
        ko: '`PSUBSCRIBE`는 채널 이름 대신 **패턴**을 구독해요. `user:*`는 `user:`로 시작하는 모든 채널이에요.\n\n구독 중인 터미널은 명령을 받지 않으니, 두 번째 터미널에서 **Ctrl-C**로 구독을 끝낸 뒤 패턴을 구독하세요. 실행 버튼을 누르면 Ctrl-C부터 대신 눌러 줘요.',
        en: '`PSUBSCRIBE` subscribes to a **pattern** instead of one channel name: `user:*` is every channel starting with `user:`.\n\nA subscribed terminal takes no commands: press **Ctrl-C** in the second terminal to end the subscription, then subscribe to the pattern. The Run button presses Ctrl-C for you first.',
      },
      commands: [{ client: 2, line: 'PSUBSCRIBE user:*' }],
      pythonCode: `pubsub = r.pubsub()
pubsub.psubscribe("user:*")  # every channel starting with user:
for message in pubsub.listen():
    if message["type"] == "pmessage":
        print(message["channel"], message["data"])`,
      hints: [
        {
          ko: '직접 입력한다면: 두 번째 터미널을 클릭하고 Ctrl-C를 누르면 프롬프트가 돌아와요.',
          en: 'Typing it yourself: click the second terminal and press Ctrl-C; the prompt comes back.',
        },
      ],
      solution: [{ client: 2, line: 'PSUBSCRIBE user:*' }],
      check: { reply: { command: 'PSUBSCRIBE user:*', client: 2, matches: /^1\) "psubscribe"\n2\) "user:\*"/ } },
    },
    {
      text: {
        ko: '문서의 가입 이벤트를 발행해 봐요. 메시지 본문으로 JSON 문자열을 보내는 것이 흔한 방식이에요. 구독자는 `pmessage`로 패턴, 실제 채널, 메시지를 함께 받아요.',
        en: "Publish the documents' signup event. Sending a JSON string as the message body is the usual way. The subscriber gets a `pmessage` with the pattern, the actual channel and the message.",
      },
      commands: ['PUBLISH user:events \'{"type": "signup", "user_id": 42}\''],
      pythonCode: `import json

def publish_event(channel: str, event: dict) -> None:
    r.publish(channel, json.dumps(event))

publish_event("user:events", {"type": "signup", "user_id": 42})


# A subscriber to that one channel (in its own thread or process): plain "message" items.
def start_subscriber() -> None:
    pubsub = r.pubsub()
    pubsub.subscribe("user:events")
    for message in pubsub.listen():
        if message["type"] != "message":
            continue  # the subscribe confirmation
        event = json.loads(message["data"])
        if event["type"] == "signup":
            print("welcome mail for user", event["user_id"])`,
      hints: [{ ko: '작은따옴표로 감싸면 안쪽의 큰따옴표가 그대로 전달돼요.', en: 'Single quotes around it keep the double quotes inside as they are.' }],
      solution: ['PUBLISH user:events \'{"type": "signup", "user_id": 42}\''],
      check: { received: { channel: 'user:events', message: '{"type": "signup", "user_id": 42}' } },
    },
    {
      challenge: true,
      text: {
        ko: '3단계에서 `sports` 채널에 보낸 메시지는 아무에게도 닿지 않았어요. 이번에는 닿게 해 봐요. 두 번째 터미널이 **명령 하나로** `news`와 `sports` 두 채널을 함께 구독하게 하고, 첫 번째 터미널에서 `sports`에 `Match tonight`이라는 메시지를 발행하세요. 두 번째 터미널에 메시지가 나타나야 해요.\n\n두 번째 터미널은 아직 `user:*`를 구독 중이에요. 먼저 그 터미널에서 **Ctrl-C**를 눌러 빠져나오세요.',
        en: 'In step 3 the message sent on `sports` reached nobody. Make one arrive this time. Have the second terminal subscribe to both `news` and `sports` with **one command**, then publish the message `Match tonight` on `sports` from the first terminal. It must show up in the second terminal.\n\nThe second terminal is still subscribed to `user:*`: press **Ctrl-C** in it first.',
      },
      commands: [],
      hints: [
        { ko: '`SUBSCRIBE`에는 채널 이름을 여러 개 줄 수 있어요.', en: '`SUBSCRIBE` takes several channel names.' },
        {
          ko: '메시지에 공백이 있으니 따옴표로 감싸세요. `PUBLISH`의 답이 `(integer) 1`이면 구독자 한 명이 받은 거예요.',
          en: 'The message has a space, so quote it. A `PUBLISH` answer of `(integer) 1` means one subscriber got it.',
        },
      ],
      solution: [{ client: 2, line: 'SUBSCRIBE news sports' }, 'PUBLISH sports "Match tonight"'],
      check: { received: { channel: 'sports', message: 'Match tonight' } },
    },
  ],
};
