// Placeholder until compare() lands this session.
#include "schema/schemadiff.h"

namespace strata::schema {

QString changeName(ObjectChange::Change change)
{
    switch (change) {
    case ObjectChange::Change::Added:
        return QStringLiteral("added");
    case ObjectChange::Change::Removed:
        return QStringLiteral("removed");
    case ObjectChange::Change::Changed:
        return QStringLiteral("changed");
    }
    return {};
}

QList<ObjectChange> compare(const SchemaModel &expected, const SchemaModel &actual,
                            const CompareOptions &options)
{
    Q_UNUSED(expected);
    Q_UNUSED(actual);
    Q_UNUSED(options);
    return {};
}

} // namespace strata::schema
