"""Progress: the runner's dashboard, the report for their physio, and all their data."""
