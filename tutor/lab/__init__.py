"""The lab's controller, below the UI: plain Python, no Textual and no TensorFlow at import.

- session.py: LabSession, the one explicit state of a lab and everything a key does;
- channel.py: the one thread that owns the Trainer (TensorFlow), jobs in, results out;
- run.py (records and how much is revealed), starts.py, goals.py, saving.py, status.py,
  numbers.py (how the lab writes numbers).
The Textual view (tutor/ui/screens/lab.py) reads a LabSession and redraws what changed.
"""
