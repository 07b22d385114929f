"""Cadence: the runner's step rate, a personal target, the plan and a metronome."""
