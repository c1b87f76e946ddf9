#pragma once

#include <QString>

namespace strata {

// A count in English words for the CLI's and the core's messages (the app's own words go
// through tr() with %n plurals instead): countOf(1, "migration") is "1 migration",
// countOf(11, "migration") "11 migrations", countOf(0, "finding") "0 findings". `plural` is
// for nouns whose plural is not singular + "s" (countOf(2, "difference", "differences") needs
// none; countOf(3, "entry", "entries") does).
QString countOf(qint64 n, const QString &singular, const QString &plural = QString());

// The noun alone, for a list that follows it: nounFor(2, "revision") is "revisions".
QString nounFor(qint64 n, const QString &singular, const QString &plural = QString());

// The verb that agrees with a count: isOrAre(1) is "is", isOrAre(3) "are"; hasOrHave likewise.
QString isOrAre(qint64 n);
QString hasOrHave(qint64 n);

} // namespace strata
