"""The app's jobs, one controller each: loading, searching, reading, the user's saved data.

A controller owns its state, its workers (threads that post messages back) and what is done
when those messages arrive; ``NewsReaderApp`` composes the widgets and routes keys and messages
to the controllers. They reach the widgets through the app, on the event loop only.
"""
