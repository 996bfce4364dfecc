"""What a reply becomes in Python, command by command: the conversions redis-py 4.x/5.x makes
(RESP2), written from its documented behaviour. A command not listed keeps the parsed reply
(bytes, or str with decode_responses; int; list; None)."""

import datetime


def as_str(value):
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else value


def bool_ok(reply):
    return as_str(reply) == "OK"


def pairs_to_dict(reply, decode_keys=False, decode_values=False):
    if reply is None:
        return {}
    keys, values = reply[::2], reply[1::2]
    if decode_keys:
        keys = map(as_str, keys)
    if decode_values:
        values = map(as_str, values)
    return dict(zip(keys, values))


def float_or_none(reply):
    return None if reply is None else float(reply)


def int_or_none(reply):
    return None if reply is None else int(reply)


def score_pairs(reply, **options):
    if not reply or not options.get("withscores"):
        return reply
    cast = options.get("score_cast_func", float)
    it = iter(reply)
    return list(zip(it, map(cast, it)))


def parse_set(reply, **options):
    if options.get("get"):
        return reply
    return reply and as_str(reply) == "OK"


def parse_info(reply):
    info = {}

    def value_of(text):
        if "," not in text or "=" not in text:
            try:
                return float(text) if "." in text else int(text)
            except ValueError:
                return text
        return {k: value_of(v) for k, v in (item.rsplit("=", 1) for item in text.split(","))}

    for line in as_str(reply).splitlines():
        if not line or line.startswith("#"):
            continue
        if ":" not in line:
            info.setdefault("__raw__", []).append(line)
            continue
        key, value = line.split(":", 1)
        if key == "cmdstat_host":
            key, value = line.rsplit(":", 1)
        if key == "module":
            info.setdefault("modules", []).append(value_of(value))
        else:
            info[key] = value_of(value)
    return info


def parse_client_list(reply, **options):
    return [dict(pair.split("=", 1) for pair in line.split(" ")) for line in as_str(reply).splitlines()]


def parse_config_get(reply, **options):
    return pairs_to_dict([as_str(x) if x is not None else None for x in reply]) if reply else {}


def parse_scan(reply, **options):
    cursor, items = reply
    return int(cursor), items


def parse_hscan(reply, **options):
    cursor, items = reply
    return int(cursor), pairs_to_dict(items) if items else {}


def parse_zscan(reply, **options):
    cursor, items = reply
    cast = options.get("score_cast_func", float)
    it = iter(items)
    return int(cursor), list(zip(it, map(cast, it)))


def parse_stream_list(reply):
    if reply is None:
        return None
    return [(entry[0], pairs_to_dict(entry[1])) if entry is not None else (None, None) for entry in reply]


def parse_xread(reply):
    if reply is None:
        return []
    return [[stream[0], parse_stream_list(stream[1])] for stream in reply]


def parse_xpending(reply, **options):
    if options.get("parse_detail"):
        names = ("message_id", "consumer", "time_since_delivered", "times_delivered")
        return [dict(zip(names, row)) for row in reply]
    return {
        "pending": reply[0],
        "min": reply[1],
        "max": reply[2],
        "consumers": [{"name": n, "pending": int(p)} for n, p in reply[3] or []],
    }


def parse_geosearch(reply, **options):
    if options.get("store") or options.get("store_dist"):
        return reply
    rows = reply if isinstance(reply, list) else [reply]
    if not (options.get("withdist") or options.get("withcoord") or options.get("withhash")):
        return rows
    casts = [lambda x: x]
    if options.get("withdist"):
        casts.append(float)
    if options.get("withhash"):
        casts.append(int)
    if options.get("withcoord"):
        casts.append(lambda ll: (float(ll[0]), float(ll[1])))
    return [[cast(v) for cast, v in zip(casts, row)] for row in rows]


def parse_zadd(reply, **options):
    if reply is None:
        return None
    return float(reply) if options.get("as_score") else int(reply)


def lastsave(reply):
    if not reply:
        return None
    try:
        return datetime.datetime.fromtimestamp(int(reply))
    except ValueError:
        return None


def _words(names, fn):
    return dict.fromkeys(names.split(), fn)


CALLBACKS = {
    **_words("AUTH COPY EXPIRE EXPIREAT PEXPIRE PEXPIREAT HEXISTS HMSET MOVE MSETNX PERSIST PSETEX RENAMENX SISMEMBER SMOVE SETEX SETNX", bool),
    **_words(
        "BITCOUNT BITPOS DECRBY DEL EXISTS GEOADD GETBIT HDEL HLEN HSTRLEN INCRBY LINSERT LLEN LPUSHX PFADD PFCOUNT RPUSHX SADD "
        "SCARD SDIFFSTORE SETBIT SETRANGE SINTERSTORE SREM STRLEN SUNIONSTORE UNLINK XACK XDEL XLEN XTRIM ZCARD ZLEXCOUNT ZREM "
        "ZREMRANGEBYLEX ZREMRANGEBYRANK ZREMRANGEBYSCORE",
        int,
    ),
    **_words("INCRBYFLOAT HINCRBYFLOAT", float),
    **_words("LPUSH RPUSH", lambda r: isinstance(r, int) and r or as_str(r) == "OK"),
    **_words("ZSCORE ZINCRBY GEODIST", float_or_none),
    **_words("FLUSHALL FLUSHDB LSET LTRIM MSET PFMERGE READONLY READWRITE RENAME SAVE SELECT SHUTDOWN SLAVEOF SWAPDB WATCH UNWATCH", bool_ok),
    **_words("BLPOP BRPOP", lambda r: r and tuple(r) or None),
    **_words("SDIFF SINTER SMEMBERS SUNION", lambda r: r and set(r) or set()),
    **_words("ZPOPMAX ZPOPMIN ZINTER ZDIFF ZUNION ZRANGE ZRANGEBYSCORE ZREVRANGE ZREVRANGEBYSCORE", score_pairs),
    **_words("BZPOPMIN BZPOPMAX", lambda r: r and (r[0], r[1], float(r[2])) or None),
    **_words("ZRANK ZREVRANK", int_or_none),
    **_words("XREVRANGE XRANGE", parse_stream_list),
    **_words("XREAD XREADGROUP", parse_xread),
    **_words("BGREWRITEAOF BGSAVE", lambda r: True),
    "ACL SETUSER": bool_ok,
    "ACL DELUSER": int,
    "ACL USERS": lambda r: list(map(as_str, r)),
    "ACL LIST": lambda r: list(map(as_str, r)),
    "ACL CAT": lambda r: list(map(as_str, r)),
    "ACL WHOAMI": as_str,
    "ACL GENPASS": as_str,
    "CLIENT GETNAME": as_str,
    "CLIENT ID": int,
    "CLIENT LIST": parse_client_list,
    "CLIENT SETNAME": bool_ok,
    "CONFIG GET": parse_config_get,
    "CONFIG RESETSTAT": bool_ok,
    "CONFIG SET": bool_ok,
    "FUNCTION DELETE": bool_ok,
    "FUNCTION FLUSH": bool_ok,
    "FUNCTION RESTORE": bool_ok,
    "GEOHASH": lambda r: list(map(as_str, r)),
    "GEOPOS": lambda r: [(float(ll[0]), float(ll[1])) if ll is not None else None for ll in r],
    "GEOSEARCH": parse_geosearch,
    "GEORADIUS": parse_geosearch,
    "GEORADIUSBYMEMBER": parse_geosearch,
    "HGETALL": lambda r: r and pairs_to_dict(r) or {},
    "HSCAN": parse_hscan,
    "INFO": parse_info,
    "LASTSAVE": lastsave,
    "MEMORY USAGE": int_or_none,
    "PING": lambda r: as_str(r) == "PONG",
    "QUIT": bool_ok,
    "PUBSUB NUMSUB": lambda r: list(zip(r[0::2], r[1::2])),
    "RANDOMKEY": lambda r: r and r or None,
    "SCAN": parse_scan,
    "SCRIPT EXISTS": lambda r: list(map(bool, r)),
    "SCRIPT FLUSH": bool_ok,
    "SCRIPT KILL": bool_ok,
    "SCRIPT LOAD": as_str,
    "SET": parse_set,
    "SLOWLOG LEN": int,
    "SLOWLOG RESET": bool_ok,
    "SSCAN": parse_scan,
    "TIME": lambda r: (int(r[0]), int(r[1])),
    "XGROUP CREATE": bool_ok,
    "XGROUP DELCONSUMER": int,
    "XGROUP DESTROY": bool,
    "XGROUP SETID": bool_ok,
    "XINFO CONSUMERS": lambda r: [pairs_to_dict(x, decode_keys=True) for x in r],
    "XINFO GROUPS": lambda r: [pairs_to_dict(x, decode_keys=True) for x in r],
    "XPENDING": parse_xpending,
    "ZADD": parse_zadd,
    "ZSCAN": parse_zscan,
    "ZMSCORE": lambda r: [float(s) if s is not None else None for s in r],
}


# The conversions that read the call's options (withscores=, get=, withdist=...).
TAKES_OPTIONS = {score_pairs, parse_set, parse_client_list, parse_config_get, parse_scan, parse_hscan, parse_zscan, parse_xpending, parse_geosearch, parse_zadd}


def convert(command_name, reply, options):
    fn = CALLBACKS.get(command_name)
    if fn is None:
        return reply
    return fn(reply, **options) if fn in TAKES_OPTIONS else fn(reply)
