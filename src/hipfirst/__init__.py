"""hipfirst: treat the hip, not the knee.

Assessment, training load, cadence and a glute programme for runners with knee pain.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
