#pragma once

#include "schema/schemadiff.h"

#include <QHash>
#include <QSet>
#include <QString>

class QStandardItem;
class QStandardItemModel;

// The Schema Diff view's object tree: schemas, then kinds, then objects, a relation's columns,
// constraints, indexes and triggers beneath it; each difference marked and checkable, each
// group with its count of differences.
namespace strata::gui {

struct SchemaDiffTreeInput
{
    const schema::SchemaModel *from = nullptr;
    const schema::SchemaModel *to = nullptr;
    // schema::differences(from, to): the objects marked.
    const QHash<QString, schema::ObjectChange> *differences = nullptr;
    bool showUnchanged = false;
};

// Fills `model` (cleared first) with the tree, two columns: the object and its mark. Returns
// the checkable item (column 0) of each difference by key.
QHash<QString, QStandardItem *> buildSchemaDiffTree(QStandardItemModel *model,
                                                    const SchemaDiffTreeInput &input);

// Sets the check state of each difference's item: unchecked (and checkable) when the user left
// it out, unchecked and locked with the reason as tooltip when it is left out with another,
// else checked.
void markLeftOut(const QHash<QString, QStandardItem *> &items, const QSet<QString> &leftOut,
                 const QHash<QString, QString> &alsoLeftOut);

} // namespace strata::gui
