-- One database per service (DESIGN.md). The postgres image runs this file once, when it
-- initialises an empty data volume; `python -m soket_cli migrate` then creates the tables.
CREATE DATABASE soket_accounts;
CREATE DATABASE soket_assessments;
CREATE DATABASE soket_delivery;
CREATE DATABASE soket_analytics;
CREATE DATABASE soket_privacy;
