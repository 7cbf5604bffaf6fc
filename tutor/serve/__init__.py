"""The class server: `tutor serve --class DIR` hosts a whole class over SSH (asyncssh).

One preloaded process (TensorFlow, Textual and the tutor imported before any TensorFlow op)
forks a session per student onto a real pty. Importing this package imports nothing heavy:
asyncssh and Textual are imported by the modules that need them.
"""
