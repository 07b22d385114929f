"""Training: import a runner's files in the background, list their runs, show each run."""
