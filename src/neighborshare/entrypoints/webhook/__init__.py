"""The webhook HTTP app (Starlette on uvicorn) and the `bot` command that runs it or polls."""
