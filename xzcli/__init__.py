"""xzcli: analyse Chinese policy texts with a policy-aware segmenter."""

__version__ = "0.1.0"
