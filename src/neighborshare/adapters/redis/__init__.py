"""Redis adapters: the shared cache, the per-user rate limiter and cache-aside reads."""
