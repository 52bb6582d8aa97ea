"""One module per conversation: its command, its buttons and its typed steps."""
