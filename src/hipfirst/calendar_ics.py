"""The plan as an iCalendar (ICS) file, for ``hipfirst plan --ics`` and the web's calendar.

An edge module: the core lays the plan out as ``CalendarEvent``s with stable uids
(``hipfirst.core.programme_calendar``); this renders them with the icalendar library.
Exporting the same runner's plan again, adapted or not, gives the same uids, so a calendar
app updates its events instead of adding them twice.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from icalendar import TRANSP, Calendar, Event, vDuration

from hipfirst.core.programme import Plan
from hipfirst.core.programme_calendar import CalendarEvent, plan_events

__all__ = ["CALENDAR_NAME", "PRODID", "plan_ics"]

PRODID = "-//hipfirst//12-week hip plan//EN"
CALENDAR_NAME = "hipfirst: hip exercises and runs"
#: How often a subscribed calendar app should fetch the feed again.
REFRESH_EVERY = timedelta(hours=6)


def plan_ics(
    plan: Plan | None,
    *,
    runner_key: str,
    stamp: datetime,
    event_url: Callable[[CalendarEvent], str | None] | None = None,
) -> bytes:
    """The plan's exercise sessions and runs as one ICS calendar of all-day events.

    Parameters
    ----------
    plan : Plan or None
        The plan, adapted or not; None gives a calendar without events (a subscription
        made before the plan starts, or while it is paused).
    runner_key : str
        A stable key of the runner; the uids are hashed from it, the date and the kind.
    stamp : datetime
        When the file is made (DTSTAMP), timezone-aware; the caller reads the clock once.
    event_url : callable, optional
        The web address of an event's page (the session's log page), or None.

    Returns
    -------
    bytes
        The calendar, RFC 5545 text in UTF-8 with CRLF line ends.

    Raises
    ------
    InvalidAnswer
        If ``runner_key`` is empty.
    """
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.calendar_name = CALENDAR_NAME
    calendar.refresh_interval = REFRESH_EVERY
    calendar["REFRESH-INTERVAL"].params["VALUE"] = "DURATION"  # RFC 7986 requires it
    calendar.add("x-published-ttl", vDuration(REFRESH_EVERY))  # the name Outlook reads
    for event in plan_events(plan, runner_key=runner_key) if plan is not None else ():
        calendar.add_component(
            Event.new(
                uid=event.uid,
                stamp=stamp,
                start=event.on,
                end=event.on + timedelta(days=1),
                summary=event.title,
                description=event.description,
                categories=[event.kind.value],
                url=event_url(event) if event_url is not None else None,
                transparency=TRANSP.TRANSPARENT,  # an exercise slot never blocks the day
            )
        )
    ics: bytes = calendar.to_ical()
    return ics
