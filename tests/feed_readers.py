"""Reads a published show the way podcast apps do, for tests/publishing.rs.

Serves SITE on 127.0.0.1:PORT with Python's own static file server (it stops by itself after
60 seconds, or when this script ends), fetches FEED_URL from it, parses the feed with feedparser
and with gPodder's podcastparser, finds every URL in the feed with ElementTree and fetches each.
Prints one JSON document: what each parser read and what each fetch returned.

usage: python3 feed_readers.py SITE PORT FEED_URL
"""

import functools
import http.server
import io
import json
import sys
import threading
import urllib.request
import xml.etree.ElementTree as ET

import feedparser
import podcastparser

site, port, feed_url = sys.argv[1], int(sys.argv[2]), sys.argv[3]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(
    ("127.0.0.1", port), functools.partial(QuietHandler, directory=site)
)
threading.Thread(target=server.serve_forever, daemon=True).start()
watchdog = threading.Timer(60, server.shutdown)
watchdog.daemon = True
watchdog.start()


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            body = response.read()
            return {
                "url": url,
                "status": response.status,
                "length": len(body),
                "type": response.headers.get("Content-Type"),
            }
    except Exception as e:  # a failed fetch is a result the test reports
        return {"url": url, "status": None, "error": str(e)}


with urllib.request.urlopen(feed_url, timeout=10) as response:
    feed_bytes = response.read()

fp = feedparser.parse(feed_bytes)
feedparser_view = {
    "bozo": bool(fp.bozo),
    "bozo_exception": str(fp.get("bozo_exception", "")),
    "title": fp.feed.get("title"),
    "image": (fp.feed.get("image") or {}).get("href"),
    "language": fp.feed.get("language"),
    "entries": [
        {
            "id": e.get("id"),
            "title": e.get("title"),
            "published": e.get("published"),
            "duration": e.get("itunes_duration"),
            "enclosures": [
                {"href": x.get("href"), "length": x.get("length"), "type": x.get("type")}
                for x in e.get("enclosures", [])
            ],
            "chapters": (e.get("podcast_chapters") or {}).get("url"),
            "image": (e.get("image") or {}).get("href"),
        }
        for e in fp.entries
    ],
}

pp = podcastparser.parse(feed_url, io.BytesIO(feed_bytes))
podcastparser_view = {
    "title": pp.get("title"),
    "cover_url": pp.get("cover_url"),
    "categories": pp.get("itunes_categories"),
    "episodes": [
        {
            "guid": e.get("guid"),
            "title": e.get("title"),
            "published": e.get("published"),
            "total_time": e.get("total_time"),
            "enclosures": e.get("enclosures"),
            "chapters_json_url": e.get("chapters_json_url"),
            "transcript_url": e.get("transcript_url"),
        }
        for e in pp.get("episodes", [])
    ],
}

# Every URL in the feed, found independently of both parsers.
urls = []
for element in ET.fromstring(feed_bytes).iter():
    for attribute in ("url", "href", "uri"):
        value = element.get(attribute)
        if value and value.startswith("http") and value not in urls:
            urls.append(value)
    if element.tag in ("link", "url") and element.text and element.text.startswith("http"):
        if element.text not in urls:
            urls.append(element.text)

print(
    json.dumps(
        {
            "feedparser": feedparser_view,
            "podcastparser": podcastparser_view,
            "transcripts": [
                {"url": t.get("url"), "type": t.get("type")}
                for t in ET.fromstring(feed_bytes).iter(
                    "{https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md}transcript"
                )
            ],
            "fetched": [fetch(url) for url in urls],
        },
        indent=1,
    )
)
server.shutdown()
