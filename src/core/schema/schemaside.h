#pragma once

#include "error.h"

#include <QString>

// Where one side of a schema diff comes from, as `strata diff --from SIDE --to SIDE` and the
// desktop app name it.
namespace strata::schema {

struct SchemaSide
{
    enum class Kind {
        Revision, // the project's migrations replayed to a target ("heads", an id, a prefix,
                  // LABEL@head ...) in a scratch database
        Database, // the configured database, read only ("db")
        File,     // a desired-state SQL file applied to an empty scratch database ("file:PATH")
        Url,      // a live database by URL, read only ("url:URL")
        Profile,  // a saved profile's database, read only ("profile:NAME")
        Current,  // the project replayed to the configured database's own version rows
                  // ("current"): beside "db", drift as a diff
    };
    Kind kind = Kind::Revision;
    // The revision target, the file path, the URL or the profile name; empty for Database and
    // Current.
    QString value;

    // "heads" | REVISION | "db" | "current" | "file:PATH" | "url:URL" | "profile:NAME".
    // Anything without one of the prefixes and other than "db" and "current" is a revision
    // target, resolved later against the revision graph. A usage error for an empty text or an
    // empty value after a prefix.
    static Result<SchemaSide> parse(const QString &text);
    static SchemaSide revision(const QString &target) { return {Kind::Revision, target}; }
    static SchemaSide file(const QString &path) { return {Kind::File, path}; }

    // The side as written on a command line: "heads", "file:schema.sql", "db", "current". A URL's
    // password is masked.
    QString text() const;
    // Live sides are real databases that are only read (Database, Url, Profile).
    bool isLive() const
    {
        return kind == Kind::Database || kind == Kind::Url || kind == Kind::Profile;
    }
};

} // namespace strata::schema
