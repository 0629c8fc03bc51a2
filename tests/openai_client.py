"""OpenAI's own Python client against `voxpress serve`: one file per response format, one at
speed 2, and the client's own error for a voice the server does not have.

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
