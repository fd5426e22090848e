"""A strict reader of iCalendar files (RFC 5545) for the tests: CRLF line ends, folded lines of at
most 75 octets, BEGIN/END nesting, the properties an event must have, all-day dates."""

from __future__ import annotations

import re
from datetime import date, timedelta

TEXT_PROPERTIES = {"SUMMARY", "DESCRIPTION"}


def parse_ics(text: str) -> list[dict]:
    """A strict reading of RFC 5545: CRLF only, physical lines of at most 75 octets, folding by a
    leading space, NAME[;PARAM=VALUE]*:VALUE content lines, BEGIN/END nesting, the required
    properties of VCALENDAR and VEVENT, valid DATE and DATE-TIME values, escaped TEXT.
    Returns the events as {property: (params, value), "alarms": [{property: (params, value)}]}."""
    raw = text.encode("utf-8")
    assert raw.endswith(b"\r\n"), "the last line ends with CRLF"
    assert b"\n" not in raw.replace(b"\r\n", b"") and b"\r" not in raw.replace(b"\r\n", b""), "bare CR or LF"
    physical = raw[:-2].split(b"\r\n")
    logical: list[str] = []
    for line in physical:
        assert len(line) <= 75, f"line longer than 75 octets: {line!r}"
        piece = line.decode("utf-8")  # folding never splits a UTF-8 character
        if line[:1] in (b" ", b"\t"):
            assert logical, "a continuation line comes first"
            logical[-1] += piece[1:]
        else:
            logical.append(piece)
    stack, events, calendar, current = [], [], {}, None
    for line in logical:
        match = re.fullmatch(r"(?P<name>[A-Za-z0-9-]+)(?P<params>(?:;[A-Za-z0-9-]+=[^;:,\"]+)*):(?P<value>.*)", line)
        assert match, f"not a content line: {line!r}"
        name, value = match["name"].upper(), match["value"]
        params = dict(param.split("=", 1) for param in match["params"].split(";")[1:])
        assert all(ord(character) >= 0x20 or character == "\t" for character in value), "control character"
        if name == "BEGIN":
            stack.append(value)
            if value == "VEVENT":
                assert stack == ["VCALENDAR", "VEVENT"]
                current = {"alarms": []}
            elif value == "VALARM":
                assert stack == ["VCALENDAR", "VEVENT", "VALARM"], "an alarm belongs to an event"
                current["alarms"].append({})
            else:
                assert stack == ["VCALENDAR"], f"unexpected component {value}"
            continue
        if name == "END":
            assert stack and stack.pop() == value, f"END:{value} does not close what is open"
            if value == "VEVENT":
                events.append(current)
                current = None
            if value == "VALARM":
                alarm = current["alarms"][-1]
                assert {"ACTION", "TRIGGER", "DESCRIPTION"} <= set(alarm), "a display alarm needs these (5.6.6.1)"
                assert re.fullmatch(r"-P\d+D", alarm["TRIGGER"][1]), "a trigger before the event, in days"
            continue
        assert stack, "a property outside VCALENDAR"
        target = current["alarms"][-1] if stack[-1] == "VALARM" else current if current is not None else calendar
        assert name not in target or name in ("ATTENDEE", "CATEGORIES", "COMMENT"), f"{name} twice"
        if name in TEXT_PROPERTIES:
            assert re.fullmatch(r"(?:[^\\;,]|\\[\\;,nN])*", value), f"badly escaped TEXT: {value!r}"
            value = re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], value)
        target[name] = (params, value)
    assert stack == [], "unclosed component"
    assert calendar["VERSION"][1] == "2.0" and calendar["PRODID"][1]
    assert events, "a calendar has at least one component"
    for event in events:
        for required in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION"):
            assert required in event, f"VEVENT without {required}"
        assert re.fullmatch(r"\d{8}T\d{6}Z", event["DTSTAMP"][1])
        for name in ("DTSTART", "DTEND"):
            params, value = event[name]
            assert params == {"VALUE": "DATE"} and re.fullmatch(r"\d{8}", value)
        start, end = (date(int(v[:4]), int(v[4:6]), int(v[6:])) for v in (event["DTSTART"][1], event["DTEND"][1]))
        assert end == start + timedelta(days=1), "an all-day event ends the next day"
        event["start"] = start
    return events
