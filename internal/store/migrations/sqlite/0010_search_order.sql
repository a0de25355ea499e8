-- PostgreSQL's 0010 indexes search_doc by seq and by its titles' words, so that its
-- planner can read the newest matches first and count matches in titles. SQLite's FTS5
-- index already yields matches in rowid order (newest last) and searches a column by its
-- own filter ({title}:). This file keeps the two lists of migrations in step.
SELECT 1;
