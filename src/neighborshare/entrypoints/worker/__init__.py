"""The background worker: one Huey instance, thin tasks, and the periodic jobs they run."""
