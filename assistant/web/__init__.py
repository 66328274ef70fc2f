"""The local web app and JSON API: the same assistant as the terminal, in a browser (`main.py --web`).

adapter.py is the only module that knows the shape of an answer; the rest speaks its `WebReply`.
"""
