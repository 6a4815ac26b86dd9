"""The template layer: which table is which, and which cell is which key.

``templates`` holds the 2019 and 2021 templates as data (row and column
label tables); ``locate`` recognises tables 2, 3 and 4 among a document's
aligned tables; ``mapping`` turns them into the canonical ``tables``
object; ``facts`` reads kind, organ, year and the six parts. Nothing here
knows about file formats.
"""
