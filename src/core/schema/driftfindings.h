#pragma once

#include "schema/schemadiff.h"
#include "schema/schemaworkbench.h"

#include <QList>
#include <QStringList>

// Inside SchemaWorkbench::drift(): turning compare()'s findings and the models' unsupported
// lists into what the drift report shows. Not part of the public API.
namespace strata::schema::detail {

// compare()'s findings with the columns, constraints, indexes, triggers, rules and policies of
// a table (or view) that was itself added or removed named in its detail ("with column
// public.t.id" lines) instead of listed apart.
QList<ObjectChange> foldChildren(const QList<ObjectChange> &changes, const SchemaModel &expected,
                                 const SchemaModel &actual);

// The entries of SchemaModel::unsupported ("KIND NAME (kind not supported)", then whatever the
// model adds about the definition) only one side lists, or listed with another definition:
// added, removed, changed, each "kind not modelled by Strata". Entries whose identity, name or
// schema ("schema S") match a glob of `ignore` are left out.
QList<UnsupportedChange> unsupportedChanges(const SchemaModel &expected, const SchemaModel &actual,
                                            const QStringList &ignore);

// The unsupported objects both sides list by the same name with nothing about their
// definitions: whether those differ is not known (their identities, sorted). Ignored ones (as
// above) are left out.
QStringList unsupportedUncompared(const SchemaModel &a, const SchemaModel &b,
                                  const QStringList &ignore = {});

} // namespace strata::schema::detail
