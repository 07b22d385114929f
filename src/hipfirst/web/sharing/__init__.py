"""Sharing: a runner invites a clinician, who then sees that runner's data read-only."""
