#pragma once

#include "schema/schemadiff.h"

#include <QHash>
#include <QString>
#include <QStringList>

// Inside diff(): the renames declared in the desired schema (DiffOptions::renames), and `from`'s
// objects read under the new names so that they match `to`'s. Renames are never guessed.
namespace strata::schema::detail {

class RenameMap
{
public:
    // Keeps the renames of tables and columns whose old object is in `from` and whose new name
    // is free there; others are ignored (the object is then dropped and created).
    RenameMap(const SchemaModel &from, const SchemaModel &to,
              const QHash<QString, QString> &renames);

    // Keys (in `to`) of the renamed tables and columns, tables first; then the constraints,
    // indexes and owned sequences of a renamed table that `to` names anew, each matched one to
    // one by its definition (a rename the declaration implies, not a guess).
    const QStringList &renamedKeys() const { return m_renamedKeys; }
    // ALTER .. RENAME for the renamed object `target` (in `to`), and back.
    Operation operation(const SchemaObject &target) const;
    // True when `table` (schema, name in `to`) is renamed or has a renamed column.
    bool touches(const QString &schema, const QString &table) const;
    // `object` of `from` as it reads once the renames ran: its names, its dependencies' keys,
    // and the qualified table names and renamed columns in its definitions and expressions.
    SchemaObject map(const SchemaObject &object) const;

private:
    void read();
    void readImplied();
    QString mapTable(const QString &schema, const QString &table) const;
    QString mapKey(const QString &key) const;
    QString mapText(const SchemaObject &object, const QString &property, QString text) const;

    const SchemaModel &m_from;
    const SchemaModel &m_to;
    const QHash<QString, QString> &m_renames;
    QHash<QString, QString> m_tableRenames;     // "schema|old table" -> new name
    QHash<QString, QString> m_columnRenames;    // "schema|new table|old column" -> new name
    QHash<QString, QString> m_objectRenames;    // key in `from` -> new name (implied renames)
    QHash<QString, QString> m_qualifiedRenames; // "schema|old" -> new, tables and sequences
    QHash<QString, QString> m_oldNames;         // key in `to` -> old name, every rename
    QStringList m_renamedKeys;
};

} // namespace strata::schema::detail
