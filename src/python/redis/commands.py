"""The command methods, with redis-py's names, arguments and defaults. Each builds the argument
list and hands it to execute_command; options a conversion needs (withscores=...) travel as
keyword arguments and never reach the server."""

import datetime
import hashlib

from .exceptions import DataError, NoScriptError


def _pages(scan):
    """The pages of a SCAN-family walk: scan(cursor) until the server's cursor is back at 0."""
    cursor = "0"
    while cursor != 0:
        cursor, page = scan(cursor)
        yield page


def _scan_args(args, match, count):
    """The SCAN family's arguments: `args` (key, cursor) and MATCH / COUNT when given."""
    if match is not None:
        args += ["MATCH", match]
    if count is not None:
        args += ["COUNT", count]
    return args


def _list_or_args(keys, args):
    try:
        iter(keys)
        if isinstance(keys, (bytes, str)):
            keys = [keys]
        else:
            keys = list(keys)
    except TypeError:
        keys = [keys]
    if args:
        keys.extend(args)
    return keys


def _seconds(value):
    if isinstance(value, datetime.timedelta):
        return int(value.total_seconds())
    return value


def _millis(value):
    if isinstance(value, datetime.timedelta):
        return int(value.total_seconds() * 1000)
    return value


def _expiry_flags(nx, xx, gt, lt):
    return [w for w, on in (("NX", nx), ("XX", xx), ("GT", gt), ("LT", lt)) if on]


class Commands:
    # ---- keys -----------------------------------------------------------------------------
    def delete(self, *names):
        return self.execute_command("DEL", *names)

    def __delitem__(self, name):
        self.delete(name)

    def unlink(self, *names):
        return self.execute_command("UNLINK", *names)

    def exists(self, *names):
        return self.execute_command("EXISTS", *names)

    __contains__ = exists

    def expire(self, name, time, nx=False, xx=False, gt=False, lt=False):
        return self.execute_command("EXPIRE", name, _seconds(time), *_expiry_flags(nx, xx, gt, lt))

    def pexpire(self, name, time, nx=False, xx=False, gt=False, lt=False):
        return self.execute_command("PEXPIRE", name, _millis(time), *_expiry_flags(nx, xx, gt, lt))

    def expireat(self, name, when, nx=False, xx=False, gt=False, lt=False):
        if isinstance(when, datetime.datetime):
            when = int(when.timestamp())
        return self.execute_command("EXPIREAT", name, when, *_expiry_flags(nx, xx, gt, lt))

    def pexpireat(self, name, when, nx=False, xx=False, gt=False, lt=False):
        if isinstance(when, datetime.datetime):
            when = int(when.timestamp() * 1000)
        return self.execute_command("PEXPIREAT", name, when, *_expiry_flags(nx, xx, gt, lt))

    def ttl(self, name):
        return self.execute_command("TTL", name)

    def pttl(self, name):
        return self.execute_command("PTTL", name)

    def persist(self, name):
        return self.execute_command("PERSIST", name)

    def keys(self, pattern="*", **kwargs):
        return self.execute_command("KEYS", pattern, **kwargs)

    def scan(self, cursor=0, match=None, count=None, _type=None, **kwargs):
        args = _scan_args([cursor], match, count)
        if _type is not None:
            args += ["TYPE", _type]
        return self.execute_command("SCAN", *args, **kwargs)

    def scan_iter(self, match=None, count=None, _type=None, **kwargs):
        for page in _pages(lambda cursor: self.scan(cursor=cursor, match=match, count=count, _type=_type, **kwargs)):
            yield from page

    def type(self, name):
        return self.execute_command("TYPE", name)

    def rename(self, src, dst):
        return self.execute_command("RENAME", src, dst)

    def renamenx(self, src, dst):
        return self.execute_command("RENAMENX", src, dst)

    def randomkey(self, **kwargs):
        return self.execute_command("RANDOMKEY", **kwargs)

    def touch(self, *args):
        return self.execute_command("TOUCH", *args)

    def move(self, name, db):
        return self.execute_command("MOVE", name, db)

    def copy(self, source, destination, destination_db=None, replace=False):
        args = [source, destination]
        if destination_db is not None:
            args += ["DB", destination_db]
        if replace:
            args.append("REPLACE")
        return self.execute_command("COPY", *args)

    def dump(self, name):
        return self.execute_command("DUMP", name)

    def object(self, infotype, key, **kwargs):
        return self.execute_command("OBJECT", infotype, key, infotype=infotype, **kwargs)

    def memory_usage(self, key, samples=None):
        args = ["SAMPLES", samples] if samples is not None else []
        return self.execute_command("MEMORY USAGE", key, *args)

    def sort(self, name, start=None, num=None, by=None, get=None, desc=False, alpha=False, store=None, groups=False):
        args = [name]
        if by is not None:
            args += ["BY", by]
        if start is not None and num is not None:
            args += ["LIMIT", start, num]
        if get is not None:
            for g in [get] if isinstance(get, (bytes, str)) else get:
                args += ["GET", g]
        if desc:
            args.append("DESC")
        if alpha:
            args.append("ALPHA")
        if store is not None:
            args += ["STORE", store]
        return self.execute_command("SORT", *args)

    # ---- strings --------------------------------------------------------------------------
    def set(self, name, value, ex=None, px=None, nx=False, xx=False, keepttl=False, get=False, exat=None, pxat=None):
        args = [name, value]
        options = {}
        if ex is not None:
            args += ["EX", _seconds(ex)]
        if px is not None:
            args += ["PX", _millis(px)]
        if exat is not None:
            args += ["EXAT", int(exat.timestamp()) if isinstance(exat, datetime.datetime) else exat]
        if pxat is not None:
            args += ["PXAT", int(pxat.timestamp() * 1000) if isinstance(pxat, datetime.datetime) else pxat]
        if keepttl:
            args.append("KEEPTTL")
        if nx:
            args.append("NX")
        if xx:
            args.append("XX")
        if get:
            args.append("GET")
            options["get"] = True
        return self.execute_command("SET", *args, **options)

    def __setitem__(self, name, value):
        self.set(name, value)

    def get(self, name):
        return self.execute_command("GET", name)

    def __getitem__(self, name):
        value = self.get(name)
        if value is not None:
            return value
        raise KeyError(name)

    def getset(self, name, value):
        return self.execute_command("GETSET", name, value)

    def getdel(self, name):
        return self.execute_command("GETDEL", name)

    def getex(self, name, ex=None, px=None, exat=None, pxat=None, persist=False):
        args = [name]
        if ex is not None:
            args += ["EX", _seconds(ex)]
        if px is not None:
            args += ["PX", _millis(px)]
        if exat is not None:
            args += ["EXAT", exat]
        if pxat is not None:
            args += ["PXAT", pxat]
        if persist:
            args.append("PERSIST")
        return self.execute_command("GETEX", *args)

    def mset(self, mapping):
        args = []
        for pair in mapping.items():
            args.extend(pair)
        return self.execute_command("MSET", *args)

    def msetnx(self, mapping):
        args = []
        for pair in mapping.items():
            args.extend(pair)
        return self.execute_command("MSETNX", *args)

    def mget(self, keys, *args):
        return self.execute_command("MGET", *_list_or_args(keys, args))

    def setex(self, name, time, value):
        return self.execute_command("SETEX", name, _seconds(time), value)

    def psetex(self, name, time_ms, value):
        return self.execute_command("PSETEX", name, _millis(time_ms), value)

    def setnx(self, name, value):
        return self.execute_command("SETNX", name, value)

    def incrby(self, name, amount=1):
        return self.execute_command("INCRBY", name, amount)

    incr = incrby

    def decrby(self, name, amount=1):
        return self.execute_command("DECRBY", name, amount)

    decr = decrby

    def incrbyfloat(self, name, amount=1.0):
        return self.execute_command("INCRBYFLOAT", name, amount)

    def append(self, key, value):
        return self.execute_command("APPEND", key, value)

    def strlen(self, name):
        return self.execute_command("STRLEN", name)

    def getrange(self, key, start, end):
        return self.execute_command("GETRANGE", key, start, end)

    substr = getrange

    def setrange(self, name, offset, value):
        return self.execute_command("SETRANGE", name, offset, value)

    def setbit(self, name, offset, value):
        return self.execute_command("SETBIT", name, offset, 1 if value else 0)

    def getbit(self, name, offset):
        return self.execute_command("GETBIT", name, offset)

    def bitcount(self, key, start=None, end=None, mode=None):
        args = [key]
        if start is not None and end is not None:
            args += [start, end]
        elif (start is not None) != (end is not None):
            raise DataError("Both start and end must be specified")
        if mode is not None:
            args.append(mode)
        return self.execute_command("BITCOUNT", *args)

    def bitop(self, operation, dest, *keys):
        return self.execute_command("BITOP", operation, dest, *keys)

    def bitpos(self, key, bit, start=None, end=None, mode=None):
        args = [key, bit]
        if start is not None:
            args.append(start)
        if end is not None:
            args.append(end)
        if mode is not None:
            args.append(mode)
        return self.execute_command("BITPOS", *args)

    # ---- hashes ---------------------------------------------------------------------------
    def hset(self, name, key=None, value=None, mapping=None, items=None):
        if key is None and not mapping and not items:
            raise DataError("'hset' with no key value pairs")
        args = []
        if key is not None:
            args += [key, value]
        if items:
            args.extend(items)
        if mapping:
            for pair in mapping.items():
                args.extend(pair)
        return self.execute_command("HSET", name, *args)

    def hmset(self, name, mapping):
        if not mapping:
            raise DataError("'hmset' with 'mapping' of length 0")
        args = []
        for pair in mapping.items():
            args.extend(pair)
        return self.execute_command("HMSET", name, *args)

    def hsetnx(self, name, key, value):
        return self.execute_command("HSETNX", name, key, value)

    def hget(self, name, key):
        return self.execute_command("HGET", name, key)

    def hmget(self, name, keys, *args):
        return self.execute_command("HMGET", name, *_list_or_args(keys, args))

    def hgetall(self, name):
        return self.execute_command("HGETALL", name)

    def hdel(self, name, *keys):
        return self.execute_command("HDEL", name, *keys)

    def hexists(self, name, key):
        return self.execute_command("HEXISTS", name, key)

    def hincrby(self, name, key, amount=1):
        return self.execute_command("HINCRBY", name, key, amount)

    def hincrbyfloat(self, name, key, amount=1.0):
        return self.execute_command("HINCRBYFLOAT", name, key, amount)

    def hkeys(self, name):
        return self.execute_command("HKEYS", name)

    def hvals(self, name):
        return self.execute_command("HVALS", name)

    def hlen(self, name):
        return self.execute_command("HLEN", name)

    def hstrlen(self, name, key):
        return self.execute_command("HSTRLEN", name, key)

    def hrandfield(self, key, count=None, withvalues=False):
        args = [key] + ([count] if count is not None else []) + (["WITHVALUES"] if withvalues else [])
        return self.execute_command("HRANDFIELD", *args)

    def hscan(self, name, cursor=0, match=None, count=None):
        return self.execute_command("HSCAN", *_scan_args([name, cursor], match, count))

    def hscan_iter(self, name, match=None, count=None):
        for page in _pages(lambda cursor: self.hscan(name, cursor=cursor, match=match, count=count)):
            yield from page.items()

    # ---- lists ----------------------------------------------------------------------------
    def lpush(self, name, *values):
        return self.execute_command("LPUSH", name, *values)

    def rpush(self, name, *values):
        return self.execute_command("RPUSH", name, *values)

    def lpushx(self, name, *values):
        return self.execute_command("LPUSHX", name, *values)

    def rpushx(self, name, *values):
        return self.execute_command("RPUSHX", name, *values)

    def lpop(self, name, count=None):
        return self.execute_command("LPOP", name, *([count] if count is not None else []))

    def rpop(self, name, count=None):
        return self.execute_command("RPOP", name, *([count] if count is not None else []))

    def lrange(self, name, start, end):
        return self.execute_command("LRANGE", name, start, end)

    def llen(self, name):
        return self.execute_command("LLEN", name)

    def lindex(self, name, index):
        return self.execute_command("LINDEX", name, index)

    def lset(self, name, index, value):
        return self.execute_command("LSET", name, index, value)

    def lrem(self, name, count, value):
        return self.execute_command("LREM", name, count, value)

    def ltrim(self, name, start, end):
        return self.execute_command("LTRIM", name, start, end)

    def linsert(self, name, where, refvalue, value):
        return self.execute_command("LINSERT", name, where, refvalue, value)

    def lpos(self, name, value, rank=None, count=None, maxlen=None):
        args = [name, value]
        if rank is not None:
            args += ["RANK", rank]
        if count is not None:
            args += ["COUNT", count]
        if maxlen is not None:
            args += ["MAXLEN", maxlen]
        return self.execute_command("LPOS", *args)

    def rpoplpush(self, src, dst):
        return self.execute_command("RPOPLPUSH", src, dst)

    def lmove(self, first_list, second_list, src="LEFT", dest="RIGHT"):
        return self.execute_command("LMOVE", first_list, second_list, src, dest)

    def blpop(self, keys, timeout=0):
        return self.execute_command("BLPOP", *_list_or_args(keys, None), timeout or 0)

    def brpop(self, keys, timeout=0):
        return self.execute_command("BRPOP", *_list_or_args(keys, None), timeout or 0)

    def brpoplpush(self, src, dst, timeout=0):
        return self.execute_command("BRPOPLPUSH", src, dst, timeout or 0)

    def blmove(self, first_list, second_list, timeout, src="LEFT", dest="RIGHT"):
        return self.execute_command("BLMOVE", first_list, second_list, src, dest, timeout)

    # ---- sets -----------------------------------------------------------------------------
    def sadd(self, name, *values):
        return self.execute_command("SADD", name, *values)

    def srem(self, name, *values):
        return self.execute_command("SREM", name, *values)

    def smembers(self, name):
        return self.execute_command("SMEMBERS", name)

    def sismember(self, name, value):
        return self.execute_command("SISMEMBER", name, value)

    def smismember(self, name, values, *args):
        return [bool(x) for x in self.execute_command("SMISMEMBER", name, *_list_or_args(values, args))]

    def scard(self, name):
        return self.execute_command("SCARD", name)

    def sinter(self, keys, *args):
        return self.execute_command("SINTER", *_list_or_args(keys, args))

    def sunion(self, keys, *args):
        return self.execute_command("SUNION", *_list_or_args(keys, args))

    def sdiff(self, keys, *args):
        return self.execute_command("SDIFF", *_list_or_args(keys, args))

    def sinterstore(self, dest, keys, *args):
        return self.execute_command("SINTERSTORE", dest, *_list_or_args(keys, args))

    def sunionstore(self, dest, keys, *args):
        return self.execute_command("SUNIONSTORE", dest, *_list_or_args(keys, args))

    def sdiffstore(self, dest, keys, *args):
        return self.execute_command("SDIFFSTORE", dest, *_list_or_args(keys, args))

    def spop(self, name, count=None):
        return self.execute_command("SPOP", name, *([count] if count is not None else []))

    def srandmember(self, name, number=None):
        return self.execute_command("SRANDMEMBER", name, *([number] if number is not None else []))

    def smove(self, src, dst, value):
        return self.execute_command("SMOVE", src, dst, value)

    def sscan(self, name, cursor=0, match=None, count=None):
        return self.execute_command("SSCAN", *_scan_args([name, cursor], match, count))

    def sscan_iter(self, name, match=None, count=None):
        for page in _pages(lambda cursor: self.sscan(name, cursor=cursor, match=match, count=count)):
            yield from page

    # ---- sorted sets ----------------------------------------------------------------------
    def zadd(self, name, mapping, nx=False, xx=False, ch=False, incr=False, gt=False, lt=False):
        if not mapping:
            raise DataError("ZADD requires at least one element/score pair")
        if nx and xx:
            raise DataError("ZADD allows either 'nx' or 'xx', not both")
        if incr and len(mapping) != 1:
            raise DataError("ZADD option 'incr' only works when passing a single element/score pair")
        if nx and (gt or lt):
            raise DataError("Only one of 'nx', 'lt', or 'gr' may be defined.")
        args = [w for w, on in (("NX", nx), ("XX", xx), ("GT", gt), ("LT", lt), ("CH", ch), ("INCR", incr)) if on]
        for member, score in mapping.items():
            args += [score, member]
        options = {"as_score": True} if incr else {}
        return self.execute_command("ZADD", name, *args, **options)

    def zscore(self, name, value):
        return self.execute_command("ZSCORE", name, value)

    def zmscore(self, key, members):
        if not members:
            raise DataError("ZMSCORE members must be a non-empty list")
        return self.execute_command("ZMSCORE", key, *members)

    def zincrby(self, name, amount, value):
        return self.execute_command("ZINCRBY", name, amount, value)

    def zcard(self, name):
        return self.execute_command("ZCARD", name)

    def zcount(self, name, min, max):
        return self.execute_command("ZCOUNT", name, min, max)

    def zrem(self, name, *values):
        return self.execute_command("ZREM", name, *values)

    def zrank(self, name, value):
        return self.execute_command("ZRANK", name, value)

    def zrevrank(self, name, value):
        return self.execute_command("ZREVRANK", name, value)

    def zrange(self, name, start, end, desc=False, withscores=False, score_cast_func=float, byscore=False, bylex=False, offset=None, num=None):
        if not byscore and not bylex and offset is None and num is None and desc:
            return self.zrevrange(name, start, end, withscores, score_cast_func)
        args = [name, start, end]
        if byscore and bylex:
            raise DataError("``byscore`` and ``bylex`` can not be specified together.")
        if byscore:
            args.append("BYSCORE")
        if bylex:
            args.append("BYLEX")
        if desc:
            args.append("REV")
        if offset is not None and num is not None:
            args += ["LIMIT", offset, num]
        if withscores:
            args.append("WITHSCORES")
        return self.execute_command("ZRANGE", *args, withscores=withscores, score_cast_func=score_cast_func)

    def zrevrange(self, name, start, end, withscores=False, score_cast_func=float):
        args = [name, start, end] + (["WITHSCORES"] if withscores else [])
        return self.execute_command("ZREVRANGE", *args, withscores=withscores, score_cast_func=score_cast_func)

    def zrangebyscore(self, name, min, max, start=None, num=None, withscores=False, score_cast_func=float):
        return self._by_score("ZRANGEBYSCORE", name, min, max, start, num, withscores, score_cast_func)

    def zrevrangebyscore(self, name, max, min, start=None, num=None, withscores=False, score_cast_func=float):
        return self._by_score("ZREVRANGEBYSCORE", name, max, min, start, num, withscores, score_cast_func)

    def _by_score(self, command, name, first, last, start, num, withscores, score_cast_func):
        args = [name, first, last]
        if start is not None and num is not None:
            args += ["LIMIT", start, num]
        if withscores:
            args.append("WITHSCORES")
        return self.execute_command(command, *args, withscores=withscores, score_cast_func=score_cast_func)

    def zremrangebyscore(self, name, min, max):
        return self.execute_command("ZREMRANGEBYSCORE", name, min, max)

    def zremrangebyrank(self, name, min, max):
        return self.execute_command("ZREMRANGEBYRANK", name, min, max)

    def zpopmin(self, name, count=None):
        args = [count] if count is not None else []
        return self.execute_command("ZPOPMIN", name, *args, withscores=True)

    def zpopmax(self, name, count=None):
        args = [count] if count is not None else []
        return self.execute_command("ZPOPMAX", name, *args, withscores=True)

    def zscan(self, name, cursor=0, match=None, count=None, score_cast_func=float):
        return self.execute_command("ZSCAN", *_scan_args([name, cursor], match, count), score_cast_func=score_cast_func)

    def zscan_iter(self, name, match=None, count=None, score_cast_func=float):
        for page in _pages(lambda cursor: self.zscan(name, cursor=cursor, match=match, count=count, score_cast_func=score_cast_func)):
            yield from page

    def bzpopmin(self, keys, timeout=0):
        return self.execute_command("BZPOPMIN", *_list_or_args(keys, None), timeout or 0)

    def bzpopmax(self, keys, timeout=0):
        return self.execute_command("BZPOPMAX", *_list_or_args(keys, None), timeout or 0)

    # ---- hyperloglog ----------------------------------------------------------------------
    def pfadd(self, name, *values):
        return self.execute_command("PFADD", name, *values)

    def pfcount(self, *sources):
        return self.execute_command("PFCOUNT", *sources)

    def pfmerge(self, dest, *sources):
        return self.execute_command("PFMERGE", dest, *sources)

    # ---- geo ------------------------------------------------------------------------------
    def geoadd(self, name, values, nx=False, xx=False, ch=False):
        if nx and xx:
            raise DataError("GEOADD allows either 'nx' or 'xx', not both")
        if len(values) % 3 != 0:
            raise DataError("GEOADD requires places with lon, lat and name values")
        args = [w for w, on in (("NX", nx), ("XX", xx), ("CH", ch)) if on]
        return self.execute_command("GEOADD", name, *args, *values)

    def geodist(self, name, place1, place2, unit=None):
        args = [name, place1, place2]
        if unit:
            if unit not in ("m", "km", "mi", "ft"):
                raise DataError("GEODIST invalid unit")
            args.append(unit)
        return self.execute_command("GEODIST", *args)

    def geopos(self, name, *values):
        return self.execute_command("GEOPOS", name, *values)

    def geohash(self, name, *values):
        return self.execute_command("GEOHASH", name, *values)

    def geosearch(self, name, member=None, longitude=None, latitude=None, unit="m", radius=None, width=None, height=None, sort=None, count=None, any=False, withcoord=False, withdist=False, withhash=False):
        args = [name]
        if member is not None:
            if longitude is not None or latitude is not None:
                raise DataError("GEOSEARCH member and longitude or latitude cant be set together")
            args += ["FROMMEMBER", member]
        if longitude is not None and latitude is not None:
            args += ["FROMLONLAT", longitude, latitude]
        if radius is None and (width is None or height is None):
            raise DataError("GEOSEARCH must have radius or width and height")
        if unit is None or unit.lower() not in ("m", "km", "mi", "ft"):
            raise DataError("GEOSEARCH invalid unit" if unit else "GEOSEARCH must have unit")
        if radius:
            args += ["BYRADIUS", radius, unit]
        if width and height:
            args += ["BYBOX", width, height, unit]
        if sort:
            if sort.upper() not in ("ASC", "DESC"):
                raise DataError("GEOSEARCH invalid sort")
            args.append(sort.upper())
        if count:
            args += ["COUNT", count] + (["ANY"] if any else [])
        elif any:
            raise DataError("GEOSEARCH ``any`` can't be provided without count")
        for word, on in (("WITHDIST", withdist), ("WITHCOORD", withcoord), ("WITHHASH", withhash)):
            if on:
                args.append(word)
        return self.execute_command("GEOSEARCH", *args, withdist=withdist, withcoord=withcoord, withhash=withhash, store=False, store_dist=False)

    # ---- streams --------------------------------------------------------------------------
    def xadd(self, name, fields, id="*", maxlen=None, approximate=True, nomkstream=False, minid=None, limit=None):
        if maxlen is not None and minid is not None:
            raise DataError("Only one of ```maxlen``` or ```minid``` may be specified")
        if not isinstance(fields, dict) or not fields:
            raise DataError("XADD fields must be a non-empty dict")
        args = [name]
        if nomkstream:
            args.append("NOMKSTREAM")
        if maxlen is not None:
            args += ["MAXLEN"] + (["~"] if approximate else []) + [maxlen]
        if minid is not None:
            args += ["MINID"] + (["~"] if approximate else []) + [minid]
        if limit is not None:
            args += ["LIMIT", limit]
        args.append(id)
        for pair in fields.items():
            args.extend(pair)
        return self.execute_command("XADD", *args)

    def xrange(self, name, min="-", max="+", count=None):
        args = [name, min, max] + (["COUNT", count] if count is not None else [])
        return self.execute_command("XRANGE", *args)

    def xrevrange(self, name, max="+", min="-", count=None):
        args = [name, max, min] + (["COUNT", count] if count is not None else [])
        return self.execute_command("XREVRANGE", *args)

    def xlen(self, name):
        return self.execute_command("XLEN", name)

    def xdel(self, name, *ids):
        return self.execute_command("XDEL", name, *ids)

    def xtrim(self, name, maxlen=None, approximate=True, minid=None, limit=None):
        if maxlen is None and minid is None:
            raise DataError("One of ``maxlen`` or ``minid`` must be specified")
        args = [name]
        if maxlen is not None:
            args += ["MAXLEN"] + (["~"] if approximate else []) + [maxlen]
        if minid is not None:
            args += ["MINID"] + (["~"] if approximate else []) + [minid]
        if limit is not None:
            args += ["LIMIT", limit]
        return self.execute_command("XTRIM", *args)

    def xread(self, streams, count=None, block=None):
        args = []
        if count is not None:
            args += ["COUNT", count]
        if block is not None:
            args += ["BLOCK", block]
        if not isinstance(streams, dict) or not streams:
            raise DataError("XREAD streams must be a non empty dict")
        args.append("STREAMS")
        args += list(streams.keys()) + list(streams.values())
        return self.execute_command("XREAD", *args)

    def xreadgroup(self, groupname, consumername, streams, count=None, block=None, noack=False):
        args = ["GROUP", groupname, consumername]
        if count is not None:
            args += ["COUNT", count]
        if block is not None:
            args += ["BLOCK", block]
        if noack:
            args.append("NOACK")
        if not isinstance(streams, dict) or not streams:
            raise DataError("XREADGROUP streams must be a non empty dict")
        args.append("STREAMS")
        args += list(streams.keys()) + list(streams.values())
        return self.execute_command("XREADGROUP", *args)

    def xgroup_create(self, name, groupname, id="$", mkstream=False, entries_read=None):
        args = [name, groupname, id] + (["MKSTREAM"] if mkstream else [])
        if entries_read is not None:
            args += ["ENTRIESREAD", entries_read]
        return self.execute_command("XGROUP CREATE", *args)

    def xgroup_destroy(self, name, groupname):
        return self.execute_command("XGROUP DESTROY", name, groupname)

    def xgroup_delconsumer(self, name, groupname, consumername):
        return self.execute_command("XGROUP DELCONSUMER", name, groupname, consumername)

    def xgroup_setid(self, name, groupname, id, entries_read=None):
        args = [name, groupname, id] + (["ENTRIESREAD", entries_read] if entries_read is not None else [])
        return self.execute_command("XGROUP SETID", *args)

    def xack(self, name, groupname, *ids):
        return self.execute_command("XACK", name, groupname, *ids)

    def xpending(self, name, groupname):
        return self.execute_command("XPENDING", name, groupname)

    def xpending_range(self, name, groupname, min, max, count, consumername=None, idle=None):
        args = [name, groupname] + (["IDLE", idle] if idle is not None else []) + [min, max, count]
        if consumername is not None:
            args.append(consumername)
        return self.execute_command("XPENDING", *args, parse_detail=True)

    # ---- pub/sub (publishing; subscribing comes with pubsub()) ------------------------------
    def publish(self, channel, message):
        return self.execute_command("PUBLISH", channel, message)

    def pubsub_channels(self, pattern="*"):
        return self.execute_command("PUBSUB CHANNELS", pattern)

    def pubsub_numpat(self):
        return self.execute_command("PUBSUB NUMPAT")

    def pubsub_numsub(self, *args):
        return self.execute_command("PUBSUB NUMSUB", *args)

    # ---- scripting ------------------------------------------------------------------------
    def eval(self, script, numkeys, *keys_and_args):
        return self.execute_command("EVAL", script, numkeys, *keys_and_args)

    def evalsha(self, sha, numkeys, *keys_and_args):
        return self.execute_command("EVALSHA", sha, numkeys, *keys_and_args)

    def script_load(self, script):
        return self.execute_command("SCRIPT LOAD", script)

    def script_exists(self, *args):
        return self.execute_command("SCRIPT EXISTS", *args)

    def script_flush(self, sync_type=None):
        return self.execute_command("SCRIPT FLUSH", *([sync_type] if sync_type else []))

    def eval_ro(self, script, numkeys, *keys_and_args):
        return self.execute_command("EVAL_RO", script, numkeys, *keys_and_args)

    def evalsha_ro(self, sha, numkeys, *keys_and_args):
        return self.execute_command("EVALSHA_RO", sha, numkeys, *keys_and_args)

    def script_kill(self):
        return self.execute_command("SCRIPT KILL")

    def register_script(self, script):
        """A callable that runs `script` by its SHA-1, loading it first when the server lacks it."""
        return Script(self, script)

    def fcall(self, function, numkeys, *keys_and_args):
        return self.execute_command("FCALL", function, numkeys, *keys_and_args)

    def fcall_ro(self, function, numkeys, *keys_and_args):
        return self.execute_command("FCALL_RO", function, numkeys, *keys_and_args)

    def function_load(self, code, replace=False):
        return self.execute_command("FUNCTION LOAD", *(["REPLACE"] if replace else []), code)

    def function_delete(self, library):
        return self.execute_command("FUNCTION DELETE", library)

    def function_flush(self, mode="SYNC"):
        return self.execute_command("FUNCTION FLUSH", mode)

    def function_list(self, library="*", withcode=False):
        return self.execute_command("FUNCTION LIST", "LIBRARYNAME", library, *(["WITHCODE"] if withcode else []))

    def function_dump(self):
        return self.execute_command("FUNCTION DUMP")

    def function_restore(self, payload, policy="APPEND"):
        return self.execute_command("FUNCTION RESTORE", payload, policy)

    def function_stats(self):
        return self.execute_command("FUNCTION STATS")

    def function_kill(self):
        return self.execute_command("FUNCTION KILL")

    # ---- server and connection ------------------------------------------------------------
    def ping(self, **kwargs):
        return self.execute_command("PING", **kwargs)

    def echo(self, value):
        return self.execute_command("ECHO", value)

    def info(self, section=None, *args):
        if section is None:
            return self.execute_command("INFO")
        return self.execute_command("INFO", section, *args)

    def config_get(self, pattern="*", *args):
        return self.execute_command("CONFIG GET", pattern, *args)

    def config_set(self, name, value, *args):
        return self.execute_command("CONFIG SET", name, value, *args)

    def config_resetstat(self):
        return self.execute_command("CONFIG RESETSTAT")

    def dbsize(self):
        return self.execute_command("DBSIZE")

    def flushdb(self, asynchronous=False):
        return self.execute_command("FLUSHDB", *(["ASYNC"] if asynchronous else []))

    def flushall(self, asynchronous=False):
        return self.execute_command("FLUSHALL", *(["ASYNC"] if asynchronous else []))

    def swapdb(self, first, second):
        return self.execute_command("SWAPDB", first, second)

    def save(self):
        return self.execute_command("SAVE")

    def bgsave(self, schedule=True):
        return self.execute_command("BGSAVE", *(["SCHEDULE"] if schedule else []))

    def lastsave(self):
        return self.execute_command("LASTSAVE")

    def bgrewriteaof(self):
        return self.execute_command("BGREWRITEAOF")

    def time(self):
        return self.execute_command("TIME")

    def client_list(self, _type=None, client_id=[]):
        args = []
        if _type is not None:
            args += ["TYPE", _type]
        if client_id:
            args += ["ID"] + list(client_id)
        return self.execute_command("CLIENT LIST", *args)

    def client_id(self):
        return self.execute_command("CLIENT ID")

    def client_setname(self, name):
        return self.execute_command("CLIENT SETNAME", name)

    def client_getname(self):
        return self.execute_command("CLIENT GETNAME")

    # ---- ACL ------------------------------------------------------------------------------
    def acl_setuser(
        self,
        username,
        enabled=False,
        nopass=False,
        passwords=None,
        hashed_passwords=None,
        categories=None,
        commands=None,
        keys=None,
        channels=None,
        selectors=None,
        reset=False,
        reset_keys=False,
        reset_passwords=False,
    ):
        """ACL SETUSER from keyword arguments, as redis-py spells them: passwords "+pw" to add and
        "-pw" to remove, categories "+@read" or "+read", keys with or without their "~"."""
        rules = [w for w, on in (("reset", reset), ("resetkeys", reset_keys), ("resetpass", reset_passwords)) if on]
        rules.append("on" if enabled else "off")
        if nopass and (passwords or hashed_passwords):
            raise DataError("Cannot set 'nopass' and supply 'passwords' or 'hashed_passwords'")
        for kind, given, add, remove in (("Password", passwords, ">", "<"), ("Hashed password", hashed_passwords, "#", "!")):
            for i, pw in enumerate(_list_or_args(given, []) if given else []):
                pw = pw.decode() if isinstance(pw, bytes) else str(pw)
                if pw[:1] not in ("+", "-"):
                    raise DataError(f'{kind} {i} must be prefixed with a "+" to add or a "-" to remove')
                rules.append((add if pw[0] == "+" else remove) + pw[1:])
        if nopass:
            rules.append("nopass")
        for category in categories or []:
            category = category.decode() if isinstance(category, bytes) else category
            if category[:1] not in ("+", "-"):
                raise DataError(f'Category "{category}" must be prefixed with "+" or "-"')
            rules.append(category if category[1:2] == "@" else category[0] + "@" + category[1:])
        for command in commands or []:
            command = command.decode() if isinstance(command, bytes) else command
            if command[:1] not in ("+", "-"):
                raise DataError(f'Command "{command}" must be prefixed with "+" or "-"')
            rules.append(command)
        for key in keys or []:
            key = key.decode() if isinstance(key, bytes) else key
            rules.append(key if key[:1] in ("~", "%") else "~" + key)
        for channel in channels or []:
            channel = channel.decode() if isinstance(channel, bytes) else channel
            rules.append("&" + channel)
        for command, key in selectors or []:
            if command[:1] not in ("+", "-"):
                raise DataError(f'Command "{command}" must be prefixed with "+" or "-"')
            rules.append(f"({command} {key if key[:1] in ('~', '%') else '~' + key})")
        return self.execute_command("ACL SETUSER", username, *rules)

    def acl_deluser(self, *username):
        return self.execute_command("ACL DELUSER", *username)

    def acl_users(self):
        return self.execute_command("ACL USERS")

    def acl_list(self):
        return self.execute_command("ACL LIST")

    def acl_whoami(self):
        return self.execute_command("ACL WHOAMI")

    def acl_cat(self, category=None):
        return self.execute_command("ACL CAT", *([category] if category else []))

    def acl_genpass(self, bits=None):
        # redis-py 4.3.4 checks `bits` but never sends it: the server picks its 256 bits.
        if bits is not None:
            try:
                if not 0 <= int(bits) <= 4096:
                    raise ValueError
            except ValueError:
                raise DataError("genpass optionally accepts a bits argument, between 0 and 4096.") from None
        return self.execute_command("ACL GENPASS")

    def acl_dryrun(self, username, *args):
        return self.execute_command("ACL DRYRUN", username, *args)

    def slowlog_len(self):
        return self.execute_command("SLOWLOG LEN")

    def slowlog_reset(self):
        return self.execute_command("SLOWLOG RESET")

    def lolwut(self, *version_numbers):
        args = ["VERSION", *version_numbers] if version_numbers else []
        return self.execute_command("LOLWUT", *args)


class Script:
    """What register_script returns: called with keys= and args=, it sends EVALSHA; a server
    that answers NOSCRIPT (flushed, or another server) gets SCRIPT LOAD and the call again."""

    def __init__(self, registered_client, script):
        self.registered_client = registered_client
        self.script = script
        body = script.encode("utf-8") if isinstance(script, str) else bytes(script)
        self.sha = hashlib.sha1(body).hexdigest()

    def __call__(self, keys=None, args=None, client=None):
        keys = list(keys or [])
        args = list(args or [])
        client = self.registered_client if client is None else client
        scripts = getattr(client, "scripts", None)
        if scripts is not None:
            # A pipeline loads its scripts before it sends anything.
            scripts.add(self)
        try:
            return client.evalsha(self.sha, len(keys), *keys, *args)
        except NoScriptError:
            self.sha = client.script_load(self.script)
            return client.evalsha(self.sha, len(keys), *keys, *args)
