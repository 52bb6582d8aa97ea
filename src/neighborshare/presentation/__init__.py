"""What neighbors read: message texts and buttons, shared by the bot and the worker."""
