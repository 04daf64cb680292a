"""Writers: a Document (or a Report's figures) becomes bytes in a file format.

``WRITERS`` maps a format to the function that writes it; readers never import writers.
"""
