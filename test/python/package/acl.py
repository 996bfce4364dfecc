# ACL through the package: acl_setuser's keyword arguments become the rules ACL LIST shows, a
# user logs in with username= and gets NoPermissionError, and the rule errors redis-py raises
# before sending anything.
import os
import sys

sys.path.insert(0, __file__.rsplit("/", 2)[0])

import redis

from _connect import connect

r = connect(db=3)
for name in r.acl_users():
    if name != "default":
        r.acl_deluser(name)

print(repr(r.acl_setuser("reader", enabled=True, passwords=["+readonly"], keys=["pypa", "%R~cache:*"], categories=["+@read"], commands=["+select"])))
print(repr(r.acl_setuser("ops", enabled=True, nopass=True, commands=["+@all", "-flushall"], channels=["news"], selectors=[("+set", "~tmp:*")])))
print(repr(r.acl_setuser("off", reset=True, reset_keys=True, reset_passwords=True)))
print(repr(r.acl_users()))
for line in r.acl_list():
    print(repr(line))
print(repr(r.acl_whoami()))
# The order of ACL CAT, and of two or more single commands in ACL LIST, is the server's hash
# order, which changes from run to run: one single command each here.
print(repr(sorted(r.acl_cat("dangerous"))[:5]), repr("keyspace" in r.acl_cat()))
print(repr(len(r.acl_genpass())), repr(len(r.acl_genpass(64))))
try:
    r.acl_genpass(5000)
except redis.exceptions.DataError as e:
    print(type(e).__name__, e)
print(repr(r.acl_dryrun("reader", "GET", "pypa")), repr(r.acl_dryrun("reader", "SET", "pypa", "x")))

reader = redis.Redis(host="127.0.0.1", port=int(os.environ.get("REDIS_PORT", "6379")), db=3, username="reader", password="readonly")
print(repr(reader.exists("pypa")))
try:
    reader.set("pypa", "x")
except redis.exceptions.NoPermissionError as e:
    print(type(e).__name__, e)
try:
    redis.Redis(host="127.0.0.1", port=int(os.environ.get("REDIS_PORT", "6379")), username="reader", password="wrong").ping()
except redis.exceptions.ResponseError as e:
    print(type(e).__name__, e)
for bad in ({"passwords": ["nosign"]}, {"categories": ["read"]}, {"commands": ["get"]}, {"selectors": [("get", "k")]}, {"nopass": True, "passwords": ["+x"]}):
    try:
        r.acl_setuser("bad", **bad)
    except redis.exceptions.DataError as e:
        print(type(e).__name__, e)
print(repr(r.acl_deluser("reader", "ops", "off", "missing")))
print(repr(r.acl_users()))
