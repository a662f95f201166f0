"""CSV downloads of a whole table, streamed page by page in one read-only transaction."""

import csv
import io
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from typing import Any

from fastapi import Request
from fastapi.responses import StreamingResponse
from sqlalchemy.ext.asyncio import AsyncSession

from analytics.paging import Paging
from chassis.database import Database

CSV_PAGE_SIZE = 1000

PageReader = Callable[[AsyncSession, Paging], Awaitable[Sequence[Sequence[Any]]]]
"""Reads one page of rows, already as CSV cells."""


def csv_download(
    request: Request, *, filename: str, header: Sequence[str], read_page: PageReader
) -> StreamingResponse:
    database: Database = request.app.state.database

    async def lines() -> AsyncIterator[str]:
        yield _line(header)
        async with database.sessions() as session, session.begin():
            await session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
            page = 1
            while True:
                rows = await read_page(session, Paging(page=page, page_size=CSV_PAGE_SIZE))
                if rows:
                    yield "".join(_line(row) for row in rows)
                if len(rows) < CSV_PAGE_SIZE:
                    return
                page += 1

    return StreamingResponse(
        lines(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _line(cells: Sequence[Any]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow([_cell(cell) for cell in cells])
    return buffer.getvalue()


def _cell(value: Any) -> Any:
    """Empty for None; text a spreadsheet would run as a formula is quoted."""
    if value is None:
        return ""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value
