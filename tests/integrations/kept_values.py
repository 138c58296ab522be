"""What a scene keeper must carry back unchanged: the window's kept choice (host/keeper.py) with every
awkward kind of character in its names and values: quotes, backslashes (a UNC path), newlines,
tabs, carriage returns, control characters, non-ASCII, an emoji, Tcl's and MEL's special signs."""

import json

AWKWARD = {
    "options": {'shot"020\\': {"Extract\nRender": {
        "quality": 'h\u00efgh "best" \\\\server\\share\t\u6f22\u5b57 \U0001f600',
        "frames": [1, 2.5, None, True],
        "note": "a\x00b\x01c\x1f\r\n",
    }}},
    "toggles": {"instances": {"sh'ot\\030": False, "\u00e9t\u00e9": True}, "plugins": {"Validate{$x}[y]": False}},
}

# XML 1.0 (the wire) cannot carry NUL and the other C0 controls but tab, newline and carriage return
WIRE_SAFE = json.loads(json.dumps(AWKWARD).replace("\\u0000", "").replace("\\u0001", "").replace("\\u001f", ""))
