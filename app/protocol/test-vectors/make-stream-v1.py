#!/usr/bin/env python3
"""Writes stream-v1.json: the relay stream's frames and signatures computed by an implementation
independent of Confero's C++ (Python's hmac, hashlib and json), so a test that compares the two
proves the format, not one implementation agreeing with itself. Run it only to add a vector;
the committed file is the contract."""
import base64, hashlib, hmac, json, pathlib

def key(master: bytes, subscriber_id: str) -> bytes:
    return hmac.new(master, subscriber_id.encode("utf-8"), hashlib.sha256).digest()

def sign(k: bytes, event_id: str, received_at: int, body: bytes) -> str:
    text = event_id.encode("utf-8") + b"." + str(received_at).encode() + b"." + body
    return "v1," + base64.b64encode(hmac.new(k, text, hashlib.sha256).digest()).decode()

def frame(obj) -> str:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)

cases = [
    ("roomdrop", bytes(range(32)), "console-alice", 1, "evt-0001", "acme", 1764288000123,
     '{"type":"roomdrop","app_id":"a1","room_id":"r1","conf_num":"C-9","trans_date":"2026-11-28T01:00:00Z"}'),
    ("bytes kept: order, 1.50, spacing, escapes", b"master-key", "laptop", 42, "evt-42", "acme", 1764288000999,
     '{ "z":1.50, "a" : "x\\u00e9\\/y", "type":"recording" }'),
    ("non-ASCII, quotes, backslash, newline, tab, control", b"\xff" * 32, "ordinateur-élodie", 7,
     "e7", "projet-été", 0, '{"type":"file-transfer","name":"réunion \\"Q4\\" \\\\ 🎥","n":"a\nb\tc\u0001"}'),
    ("largest seq and time", b"k", "s", 2**53, "id-" + "x" * 60, "p", 2**53,
     '{"type":"transcoded"}'),
    ("body that is not an object", b"k2", "s2", 3, "e3", "p", 5, '["not", "an", "object"]'),
]

vectors = []
for name, master, subscriber, seq, event_id, project, received_at, body in cases:
    k = key(master, subscriber)
    body_bytes = body.encode("utf-8")
    sig = sign(k, event_id, received_at, body_bytes)
    vectors.append({
        "name": name,
        "master_key_hex": master.hex(),
        "subscriber_id": subscriber,
        "subscriber_key_hex": k.hex(),
        "seq": seq, "id": event_id, "project": project, "received_at": received_at,
        "body": body,
        "sig": sig,
        "frame": frame({"seq": seq, "id": event_id, "project": project, "received_at": received_at,
                        "body": body, "sig": sig}),
    })

rejected = [
    ("not JSON", "{\"seq\":1,"),
    ("not an object", "[1,2,3]"),
    ("no kind", "{\"hello\":1}"),
    ("two kinds", "{\"ack\":1,\"heartbeat\":2,\"head\":0}"),
    ("seq zero", "{\"seq\":0,\"id\":\"e\",\"project\":\"p\",\"received_at\":1,\"body\":\"{}\",\"sig\":\"v1,AA==\"}"),
    ("seq fraction", "{\"seq\":1.5,\"id\":\"e\",\"project\":\"p\",\"received_at\":1,\"body\":\"{}\",\"sig\":\"v1,AA==\"}"),
    ("seq as text", "{\"seq\":\"1\",\"id\":\"e\",\"project\":\"p\",\"received_at\":1,\"body\":\"{}\",\"sig\":\"v1,AA==\"}"),
    ("seq past 2^53", "{\"seq\":9007199254740994,\"id\":\"e\",\"project\":\"p\",\"received_at\":1,\"body\":\"{}\",\"sig\":\"v1,AA==\"}"),
    ("empty id", "{\"seq\":1,\"id\":\"\",\"project\":\"p\",\"received_at\":1,\"body\":\"{}\",\"sig\":\"v1,AA==\"}"),
    ("body as object", "{\"seq\":1,\"id\":\"e\",\"project\":\"p\",\"received_at\":1,\"body\":{},\"sig\":\"v1,AA==\"}"),
    ("unknown signature version", "{\"seq\":1,\"id\":\"e\",\"project\":\"p\",\"received_at\":1,\"body\":\"{}\",\"sig\":\"v2,AA==\"}"),
    ("negative time", "{\"seq\":1,\"id\":\"e\",\"project\":\"p\",\"received_at\":-1,\"body\":\"{}\",\"sig\":\"v1,AA==\"}"),
    ("heartbeat without head", "{\"heartbeat\":1}"),
    ("negative ack", "{\"ack\":-3}"),
]

out = {
    "format": "confero relay stream v1",
    "signature": "v1,base64(HMAC-SHA256(subscriber_key, id + '.' + received_at + '.' + body))",
    "subscriber_key": "HMAC-SHA256(master_key, subscriber_id as UTF-8)",
    "events": vectors,
    "heartbeat": {"head": 41, "heartbeat": 1764288000000,
                  "frame": frame({"heartbeat": 1764288000000, "head": 41})},
    "ack": {"ack": 41, "frame": frame({"ack": 41})},
    "rejected": [{"name": n, "frame": f} for n, f in rejected],
}
path = pathlib.Path(__file__).with_name("stream-v1.json")
path.write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
