"""Presentation helpers shared by every page: template filters for units and sources."""
