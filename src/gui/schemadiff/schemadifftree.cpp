#include "schemadiff/schemadifftree.h"

#include "schema/schemaselection.h"

#include "schemadiff/schemadifftext.h"
#include "schemadiff/schemadiffview.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QMap>
#include <QStandardItemModel>

#include <algorithm>

namespace strata::gui {

using schema::ObjectChange;
using schema::ObjectKind;
using schema::SchemaObject;

namespace {

// The tooltip an item has before anything is left out.
constexpr int BaseToolTipRole = Qt::UserRole + 50;

int markOf(const ObjectChange *change)
{
    if (!change)
        return SchemaDiffView::Unchanged;
    switch (change->change) {
    case ObjectChange::Change::Added:
        return SchemaDiffView::Added;
    case ObjectChange::Change::Removed:
        return SchemaDiffView::Removed;
    case ObjectChange::Change::Changed:
        return SchemaDiffView::Changed;
    }
    return SchemaDiffView::Unchanged;
}

QColor colourOf(int mark)
{
    switch (mark) {
    case SchemaDiffView::Added:
        return QColor(0x2e, 0x7d, 0x32);
    case SchemaDiffView::Removed:
        return QColor(0xc6, 0x28, 0x28);
    case SchemaDiffView::Changed:
        return QColor(0xb2, 0x6a, 0x00);
    default:
        return {};
    }
}

// The tree's shape before items are made: objects by key, each relation's parts, and the
// objects directly under each (schema, kind) group.
class Layout
{
public:
    explicit Layout(const SchemaDiffTreeInput &input) : m_input(input)
    {
        for (const schema::SchemaModel *model : {input.from, input.to}) {
            const QList<SchemaObject> objects = model->objects();
            for (const SchemaObject &object : objects)
                m_objects.insert(object.key(), object); // `to`'s, where both have it
        }
        for (auto it = m_objects.cbegin(); it != m_objects.cend(); ++it) {
            const SchemaObject &object = it.value();
            const QString relation = schema::relationKey(object, *input.from, *input.to);
            if (!relation.isEmpty())
                m_children[relation].append(it.key());
            else if (object.kind == ObjectKind::Schema)
                m_schemaObject.insert(object.name, it.key());
            else
                m_groups[object.schema][int(object.kind)].append(it.key());
        }
        for (auto &keys : m_children)
            sort(keys);
        for (auto &kinds : m_groups) {
            for (auto &keys : kinds)
                sort(keys);
        }
        for (auto it = m_schemaObject.cbegin(); it != m_schemaObject.cend(); ++it)
            m_groups[it.key()]; // a schema with nothing else in it still shows
    }

    const SchemaObject &object(const QString &key) const { return *m_objects.find(key); }
    const ObjectChange *change(const QString &key) const
    {
        auto it = m_input.differences->constFind(key);
        return it == m_input.differences->constEnd() ? nullptr : &it.value();
    }
    QStringList children(const QString &key) const { return m_children.value(key); }
    const QMap<QString, QMap<int, QStringList>> &groups() const { return m_groups; }
    QString schemaObject(const QString &schema) const { return m_schemaObject.value(schema); }

    // Differences at and beneath `key`.
    int count(const QString &key) const
    {
        int total = change(key) ? 1 : 0;
        const QStringList parts = m_children.value(key);
        for (const QString &child : parts)
            total += count(child);
        return total;
    }
    bool visible(const QString &key) const { return m_input.showUnchanged || count(key) > 0; }

private:
    void sort(QStringList &keys) const
    {
        std::sort(keys.begin(), keys.end(), [this](const QString &a, const QString &b) {
            const SchemaObject &x = object(a);
            const SchemaObject &y = object(b);
            if (x.kind != y.kind)
                return x.kind < y.kind;
            return x.name + x.arguments < y.name + y.arguments;
        });
    }

    const SchemaDiffTreeInput &m_input;
    QHash<QString, SchemaObject> m_objects;
    QHash<QString, QStringList> m_children;
    QHash<QString, QString> m_schemaObject;         // schema name -> its object's key
    QMap<QString, QMap<int, QStringList>> m_groups; // schema -> kind -> top objects
};

QList<QStandardItem *> row(const QString &text, const QString &mark)
{
    auto *name = new QStandardItem(text);
    auto *word = new QStandardItem(mark);
    for (QStandardItem *item : {name, word})
        item->setEditable(false);
    name->setData(int(SchemaDiffView::Group), SchemaDiffView::ChangeRole);
    return {name, word};
}

class Builder
{
public:
    Builder(const Layout &layout, QHash<QString, QStandardItem *> &items)
        : m_layout(layout), m_items(items)
    {
    }

    // Marks `cells` as the object `key`: its word and colour, and a checkbox when it differs.
    void mark(const QList<QStandardItem *> &cells, const QString &key)
    {
        const ObjectChange *change = m_layout.change(key);
        const int mark = markOf(change);
        cells[0]->setData(key, SchemaDiffView::KeyRole);
        cells[0]->setData(mark, SchemaDiffView::ChangeRole);
        const QString tip =
            SchemaDiffText::object(m_layout.object(key)) +
            (change && !change->detail.isEmpty() ? QStringLiteral("\n") + change->detail
                                                 : QString());
        cells[0]->setToolTip(tip);
        cells[0]->setData(tip, BaseToolTipRole);
        const int inside = m_layout.count(key) - (change ? 1 : 0);
        if (change) {
            cells[1]->setText(SchemaDiffText::change(change->change));
            for (QStandardItem *cell : cells)
                cell->setForeground(QBrush(colourOf(mark)));
            cells[0]->setCheckable(true);
            cells[0]->setCheckState(Qt::Checked);
            m_items.insert(key, cells[0]);
        } else {
            cells[1]->setText(inside > 0 ? SchemaDiffText::inside(inside)
                                         : SchemaDiffText::unchanged());
        }
    }

    QList<QStandardItem *> object(const QString &key, bool child)
    {
        const SchemaObject &object = m_layout.object(key);
        QString name = object.name;
        if (object.kind == ObjectKind::Function || object.kind == ObjectKind::Aggregate)
            name += QLatin1Char('(') + object.arguments + QLatin1Char(')');
        const QList<QStandardItem *> cells =
            row(child ? SchemaDiffText::childLabel(object.kind, name) : name, {});
        mark(cells, key);
        const QStringList parts = m_layout.children(key);
        for (const QString &part : parts) {
            if (m_layout.visible(part))
                cells[0]->appendRow(this->object(part, true));
        }
        return cells;
    }

    // The kind groups of one schema under `parent`; the differences they hold.
    int kinds(QStandardItem *parent, const QMap<int, QStringList> &kinds)
    {
        int total = 0;
        for (auto it = kinds.cbegin(); it != kinds.cend(); ++it) {
            int count = 0;
            QList<QList<QStandardItem *>> rows;
            for (const QString &key : it.value()) {
                count += m_layout.count(key);
                if (m_layout.visible(key))
                    rows.append(object(key, false));
            }
            total += count;
            if (rows.isEmpty())
                continue;
            const QList<QStandardItem *> group =
                row(SchemaDiffText::kindGroup(ObjectKind(it.key())),
                    count > 0 ? SchemaDiffText::differences(count) : SchemaDiffText::unchanged());
            for (const QList<QStandardItem *> &cells : std::as_const(rows))
                group[0]->appendRow(cells);
            parent->appendRow(group);
        }
        return total;
    }

private:
    const Layout &m_layout;
    QHash<QString, QStandardItem *> &m_items;
};

} // namespace

QHash<QString, QStandardItem *> buildSchemaDiffTree(QStandardItemModel *model,
                                                    const SchemaDiffTreeInput &input)
{
    model->clear();
    model->setHorizontalHeaderLabels(
        {SchemaDiffText::tr("Object"), SchemaDiffText::tr("Difference")});
    QHash<QString, QStandardItem *> items;
    const Layout layout(input);
    Builder builder(layout, items);
    QStandardItem *root = model->invisibleRootItem();
    const auto &groups = layout.groups();
    // Objects outside any schema (extensions; everything on SQLite) first, at the top.
    if (groups.contains(QString()))
        builder.kinds(root, groups.value(QString()));
    for (auto it = groups.cbegin(); it != groups.cend(); ++it) {
        if (it.key().isEmpty())
            continue;
        auto *holder = new QStandardItem;
        int count = builder.kinds(holder, it.value());
        const QString own = layout.schemaObject(it.key());
        const ObjectChange *change = own.isEmpty() ? nullptr : layout.change(own);
        count += change ? 1 : 0;
        if (count == 0 && !input.showUnchanged)
            continue;
        QList<QStandardItem *> cells = row(it.key(), {});
        if (!own.isEmpty())
            builder.mark(cells, own);
        if (!change)
            cells[1]->setText(count > 0 ? SchemaDiffText::differences(count)
                                        : SchemaDiffText::unchanged());
        else if (count > 1)
            cells[1]->setText(SchemaDiffText::change(change->change) + QStringLiteral(", ") +
                              SchemaDiffText::inside(count - 1));
        while (holder->rowCount() > 0)
            cells[0]->appendRow(holder->takeRow(0));
        delete holder;
        root->appendRow(cells);
    }
    return items;
}

void markLeftOut(const QHash<QString, QStandardItem *> &items, const QSet<QString> &leftOut,
                 const QHash<QString, QString> &alsoLeftOut)
{
    for (auto it = items.cbegin(); it != items.cend(); ++it) {
        QStandardItem *item = it.value();
        const bool also = alsoLeftOut.contains(it.key());
        item->setUserTristate(false);
        item->setFlags(also ? item->flags() & ~Qt::ItemIsUserCheckable
                            : item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(leftOut.contains(it.key()) || also ? Qt::Unchecked : Qt::Checked);
        // Locked ones say why, and read as such.
        const QString base = item->data(BaseToolTipRole).toString();
        item->setToolTip(also ? base + QStringLiteral("\n") + alsoLeftOut.value(it.key()) : base);
        QFont font = item->font();
        font.setItalic(also);
        item->setFont(font);
    }
}

} // namespace strata::gui
