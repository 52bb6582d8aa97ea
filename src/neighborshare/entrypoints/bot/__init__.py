"""The Telegram bot: a python-telegram-bot Application whose handlers call the use cases.

``build_application(container, request=...)`` returns the Application; the webhook app and the
chat command feed it updates with ``process_update``. Conversation state lives in the database
(the session repository), so any replica can continue any conversation.
"""
