"""The question flow: the steps as data, their forms, the answers and what the summary holds.

Nothing here touches the request or the session: the web layer passes the answers in.
"""
