-- Indexes for the web application's paged listings, so that a page reads the rows it
-- shows rather than all the rows of the archive.

-- Agenda items in the record's order (date, session, number): a state's voting record,
-- latest first, walks this index and probes the state's position on each item.
CREATE INDEX item_order ON item(date, session, number);

-- Decisions, latest first, by body and year.
CREATE INDEX decision_year ON decision(year, body, number);

-- Publications of a section, newest first.
CREATE INDEX publication_section_date ON publication(section, date);
