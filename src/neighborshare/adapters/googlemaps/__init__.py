"""Typed addresses to coordinates through the Google Maps Geocoding API."""
