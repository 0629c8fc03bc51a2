"""OpenAI's own Python client against `voxpress serve`: one file per response format, one at
speed 2, the client's own error for a voice the server does not have, and which voice speaks
two of OpenAI's voice names (one Kokoro has, one it has not).

usage: openai_client.py BASE_URL OUT_DIR VOICE TEXT
"""
import sys

import openai

base, out, voice, text = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
client = openai.OpenAI(base_url=base + "/v1", api_key="not-needed", max_retries=0)
for fmt in ["wav", "mp3", "opus", "flac", "pcm"]:
    with client.audio.speech.with_streaming_response.create(
        model="tts-1", voice=voice, input=text, response_format=fmt
    ) as response:
        response.stream_to_file(f"{out}/speech.{fmt}")
with client.audio.speech.with_streaming_response.create(
    model="tts-1", voice=voice, input=text, response_format="wav", speed=2.0
) as response:
    response.stream_to_file(f"{out}/speech-fast.wav")
try:
    client.audio.speech.create(model="tts-1", voice="nobody", input=text)
    print("no error for an unknown voice")
except openai.BadRequestError as error:
    print(f"unknown voice: {error.status_code} {error.message[:80]}")
print("models:", ",".join(m.id for m in client.models.list()))
for name in ["fable", "shimmer"]:
    raw = client.audio.speech.with_raw_response.create(model="tts-1", voice=name, input="Hello.")
    print(f"{name} is spoken by {raw.headers.get('x-voxpress-voice')} ({len(raw.content)} bytes)")
