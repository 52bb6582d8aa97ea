"""The Telegram Mini App: a map of nearby dishes, its JSON API and its built page."""
