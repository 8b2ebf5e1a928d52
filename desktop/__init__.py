"""MLPrep: offline preparation for ML Engineer and Research Scientist interviews."""

__version__ = "0.1.0"
