#include "schemadiff/schemadiffview.h"

#include "schema/schemaselection.h"
#include "schemadiff/schemadifftext.h"
#include "schemadiff/schemadifftree.h"

#include <QCheckBox>
#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTextBlock>
#include <QTreeView>
#include <QVBoxLayout>

namespace strata::gui {

using schema::Operation;
using schema::SchemaObject;

namespace {

QPlainTextEdit *codePane(QWidget *parent, const QString &name)
{
    auto *pane = new QPlainTextEdit(parent);
    pane->setObjectName(name);
    pane->setReadOnly(true);
    pane->setLineWrapMode(QPlainTextEdit::NoWrap);
    pane->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    return pane;
}

QLabel *wrappedLabel(QWidget *parent, const QString &name)
{
    auto *label = new QLabel(parent);
    label->setObjectName(name);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

// Lines of `pane` given a background: what changed on that side.
void highlight(QPlainTextEdit *pane, const QList<int> &lines, const QColor &colour)
{
    QList<QTextEdit::ExtraSelection> selections;
    for (int line : lines) {
        QTextEdit::ExtraSelection selection;
        selection.cursor = QTextCursor(pane->document()->findBlockByNumber(line));
        selection.format.setBackground(colour);
        selection.format.setProperty(QTextFormat::FullWidthSelection, true);
        selections.append(selection);
    }
    pane->setExtraSelections(selections);
}

} // namespace

struct SchemaDiffView::Private
{
    QLabel *message = nullptr;
    QWidget *content = nullptr;
    QLabel *summary = nullptr;
    QCheckBox *showUnchanged = nullptr;
    QLabel *problems = nullptr;
    QTreeView *tree = nullptr;
    QStandardItemModel *model = nullptr;
    QLabel *alsoLeftOutTitle = nullptr;
    QPlainTextEdit *alsoLeftOutList = nullptr;
    QLabel *leftTitle = nullptr;
    QLabel *rightTitle = nullptr;
    QPlainTextEdit *left = nullptr;
    QPlainTextEdit *right = nullptr;
    QLabel *statementsTitle = nullptr;
    QPlainTextEdit *statements = nullptr;
    QPushButton *create = nullptr;
    QLabel *createReason = nullptr;

    bool hasResult = false;
    schema::DiffResult result;
    QHash<QString, schema::ObjectChange> differences;
    int added = 0;
    int removed = 0;
    int changed = 0;
    QHash<QString, QStandardItem *> items;
    QStringList leftOut;                 // in the order unchecked
    QHash<QString, QString> alsoLeftOut; // key -> why, in the user's language
    QStringList alsoLeftOutLines;        // the same, in leaveOut()'s order
    QSet<QString> excludedObjects;       // display() of everything left out
    // The migration as it would be written: the diff made again without what is left out.
    schema::SchemaDiff migration;
    QList<int> leftChanged;
    QList<int> rightChanged;
    bool updating = false;
};

SchemaDiffView::SchemaDiffView(QWidget *parent) : QWidget(parent), d(new Private)
{
    auto *layout = new QVBoxLayout(this);
    d->message = wrappedLabel(this, QStringLiteral("schemaDiffMessage"));
    d->message->setAlignment(Qt::AlignCenter);
    layout->addWidget(d->message);

    d->content = new QWidget(this);
    auto *content = new QVBoxLayout(d->content);
    content->setContentsMargins(0, 0, 0, 0);
    auto *top = new QHBoxLayout;
    d->summary = wrappedLabel(d->content, QStringLiteral("schemaDiffSummary"));
    d->showUnchanged = new QCheckBox(tr("Show &unchanged objects"), d->content);
    top->addWidget(d->summary, 1);
    top->addWidget(d->showUnchanged);
    content->addLayout(top);
    d->problems = wrappedLabel(d->content, QStringLiteral("schemaDiffProblems"));
    content->addWidget(d->problems);

    auto *split = new QSplitter(Qt::Horizontal, d->content);
    auto *treeSide = new QWidget(split);
    auto *treeLayout = new QVBoxLayout(treeSide);
    treeLayout->setContentsMargins(0, 0, 0, 0);
    d->model = new QStandardItemModel(this);
    d->tree = new QTreeView(treeSide);
    d->tree->setModel(d->model);
    d->tree->setUniformRowHeights(true);
    treeLayout->addWidget(d->tree, 1);
    d->alsoLeftOutTitle = wrappedLabel(treeSide, QStringLiteral("schemaDiffAlsoLeftOutTitle"));
    d->alsoLeftOutTitle->setText(tr("Also left out:"));
    // A list that scrolls: leaving a schema out can take hundreds of objects with it.
    d->alsoLeftOutList = new QPlainTextEdit(treeSide);
    d->alsoLeftOutList->setObjectName(QStringLiteral("schemaDiffAlsoLeftOut"));
    d->alsoLeftOutList->setReadOnly(true);
    d->alsoLeftOutList->setMaximumHeight(d->alsoLeftOutList->fontMetrics().lineSpacing() * 7);
    treeLayout->addWidget(d->alsoLeftOutTitle);
    treeLayout->addWidget(d->alsoLeftOutList);

    auto *detail = new QSplitter(Qt::Vertical, split);
    auto *panes = new QWidget(detail);
    auto *grid = new QGridLayout(panes);
    grid->setContentsMargins(0, 0, 0, 0);
    d->leftTitle = wrappedLabel(panes, QStringLiteral("schemaDiffFromTitle"));
    d->rightTitle = wrappedLabel(panes, QStringLiteral("schemaDiffToTitle"));
    for (QLabel *title : {d->leftTitle, d->rightTitle}) {
        QFont bold = title->font();
        bold.setBold(true);
        title->setFont(bold);
    }
    d->left = codePane(panes, QStringLiteral("schemaDiffFrom"));
    d->right = codePane(panes, QStringLiteral("schemaDiffTo"));
    grid->addWidget(d->leftTitle, 0, 0);
    grid->addWidget(d->rightTitle, 0, 1);
    grid->addWidget(d->left, 1, 0);
    grid->addWidget(d->right, 1, 1);
    auto *statementsBox = new QWidget(detail);
    auto *statementsLayout = new QVBoxLayout(statementsBox);
    statementsLayout->setContentsMargins(0, 0, 0, 0);
    d->statementsTitle = wrappedLabel(statementsBox, QStringLiteral("schemaDiffStatementsTitle"));
    d->statements = codePane(statementsBox, QStringLiteral("schemaDiffStatements"));
    statementsLayout->addWidget(d->statementsTitle);
    statementsLayout->addWidget(d->statements, 1);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    split->setSizes({420, 780});
    content->addWidget(split, 1);

    auto *bottom = new QHBoxLayout;
    d->create = new QPushButton(tr("&Create migration from these changes"), d->content);
    d->createReason = wrappedLabel(d->content, QStringLiteral("schemaDiffCreateReason"));
    bottom->addWidget(d->create);
    bottom->addWidget(d->createReason, 1);
    content->addLayout(bottom);
    layout->addWidget(d->content, 1);

    d->create->installEventFilter(this);
    connect(d->showUnchanged, &QCheckBox::toggled, this, &SchemaDiffView::setShowUnchanged);
    connect(d->model, &QStandardItemModel::itemChanged, this, [this](QStandardItem *item) {
        if (d->updating || !item->isCheckable())
            return;
        const QString key = item->data(KeyRole).toString();
        const bool out = item->checkState() != Qt::Checked;
        if (out == d->leftOut.contains(key))
            return;
        if (out)
            d->leftOut.append(key);
        else
            d->leftOut.removeAll(key);
        applyLeftOut();
    });
    connect(d->create, &QPushButton::clicked, this,
            [this] { Q_EMIT createMigrationRequested(leftOut()); });
    connect(d->tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this] { showSelected(); });
    showMessage(tr("Nothing compared yet."));
}

SchemaDiffView::~SchemaDiffView()
{
    delete d;
}

void SchemaDiffView::setResult(const strata::schema::DiffResult &result)
{
    d->hasResult = true;
    d->result = result;
    d->differences = schema::differences(result.from.model, result.to.model);
    d->added = d->removed = d->changed = 0;
    for (const schema::ObjectChange &change : std::as_const(d->differences)) {
        if (change.change == schema::ObjectChange::Change::Added)
            ++d->added;
        else if (change.change == schema::ObjectChange::Change::Removed)
            ++d->removed;
        else
            ++d->changed;
    }
    d->leftOut.clear();
    d->message->hide();
    d->content->show();
    d->summary->setText(SchemaDiffText::summary(d->added, d->removed, d->changed));

    QStringList problems;
    if (!result.diff.refused.isEmpty())
        problems << tr("Strata cannot write this migration:") + QStringLiteral("\n• ") +
                        result.diff.refused.join(QStringLiteral("\n• "));
    if (!result.notCompared.isEmpty())
        problems << tr("Not compared (kinds Strata does not model; whether their definitions "
                       "differ is not known):") +
                        QStringLiteral("\n• ") + result.notCompared.join(QStringLiteral("\n• "));
    d->problems->setText(problems.join(QStringLiteral("\n")));
    d->problems->setVisible(!problems.isEmpty());

    auto sideName = [](const schema::SideModel &side) {
        return side.source.isEmpty() ? side.side.text() : side.source;
    };
    d->leftTitle->setText(sideName(result.from));
    d->rightTitle->setText(sideName(result.to));
    rebuildTree();
}

void SchemaDiffView::showMessage(const QString &message)
{
    d->hasResult = false;
    d->result = {};
    d->differences.clear();
    d->added = d->removed = d->changed = 0;
    d->leftOut.clear();
    d->alsoLeftOut.clear();
    d->alsoLeftOutLines.clear();
    d->excludedObjects.clear();
    d->migration = {};
    d->items.clear();
    d->model->clear();
    d->left->clear();
    d->right->clear();
    d->statements->clear();
    d->leftChanged.clear();
    d->rightChanged.clear();
    d->message->setText(message);
    d->message->show();
    d->content->hide();
    updateCreate();
}

void SchemaDiffView::setShowUnchanged(bool show)
{
    if (d->showUnchanged->isChecked() != show) {
        d->showUnchanged->setChecked(show); // comes back here through toggled()
        return;
    }
    if (d->hasResult)
        rebuildTree();
}

void SchemaDiffView::rebuildTree()
{
    d->updating = true;
    const SchemaDiffTreeInput input{&d->result.from.model, &d->result.to.model, &d->differences,
                                    d->showUnchanged->isChecked()};
    d->items = buildSchemaDiffTree(d->model, input);
    d->tree->expandAll();
    d->tree->header()->setStretchLastSection(false);
    d->tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    d->tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    d->updating = false;
    applyLeftOut();
}

void SchemaDiffView::applyLeftOut()
{
    const schema::Selection selection = schema::leaveOut(d->result.from.model, d->result.to.model,
                                                         d->leftOut, d->result.options.renames);
    d->alsoLeftOut.clear();
    d->alsoLeftOutLines.clear();
    for (const schema::LeftOutReason &reason : selection.reasons) {
        const QString line =
            SchemaDiffText::reason(reason, d->result.from.model, d->result.to.model);
        d->alsoLeftOut.insert(reason.key, line);
        d->alsoLeftOutLines.append(line);
    }
    // Everything leaving out changes, differences or not (a SQLite table whose statement goes
    // back with a column): the operations named after them are not in the migration.
    d->excludedObjects.clear();
    for (const schema::SchemaModel *side : {&d->result.from.model, &d->result.to.model}) {
        const QList<SchemaObject> objects = side->objects();
        for (const SchemaObject &object : objects) {
            const SchemaObject *wanted = d->result.to.model.find(object.key());
            const SchemaObject *kept = selection.to.find(object.key());
            if (!wanted != !kept || (wanted && wanted->properties != kept->properties))
                d->excludedObjects.insert(object.display());
        }
    }
    d->migration = d->leftOut.isEmpty()
                       ? d->result.diff
                       : schema::diff(d->result.from.model, selection.to, d->result.options);
    d->updating = true;
    markLeftOut(d->items, QSet<QString>(d->leftOut.cbegin(), d->leftOut.cend()), d->alsoLeftOut);
    d->updating = false;
    d->alsoLeftOutList->setPlainText(d->alsoLeftOutLines.join(QLatin1Char('\n')));
    d->alsoLeftOutTitle->setVisible(!d->alsoLeftOutLines.isEmpty());
    d->alsoLeftOutList->setVisible(!d->alsoLeftOutLines.isEmpty());
    updateCreate();
    showSelected();
}

void SchemaDiffView::updateCreate()
{
    QString reason;
    if (!d->hasResult)
        reason = tr("Nothing to create: no comparison is shown.");
    else if (!d->result.diff.refused.isEmpty())
        reason = tr("Cannot create a migration: the diff is refused (see above).");
    else if (!d->migration.refused.isEmpty())
        reason = tr("Cannot create a migration with these objects left out: %1")
                     .arg(d->migration.refused.join(QStringLiteral("; ")));
    else if (d->differences.isEmpty() && d->result.diff.operations.isEmpty())
        reason = tr("Nothing to create: the two schemas are the same.");
    else if (keptOperations().isEmpty())
        reason = tr("Nothing to create: every difference is left out.");
    d->create->setEnabled(reason.isEmpty());
    d->createReason->setText(reason);
}

QList<Operation> SchemaDiffView::keptOperations() const
{
    return d->migration.operations;
}

QString SchemaDiffView::script(const QList<Operation> &operations, bool upgrade) const
{
    QString text;
    auto add = [&](const Operation &operation) {
        const QStringList &statements = upgrade ? operation.sql : operation.inverseSql;
        if (statements.isEmpty())
            return;
        if (d->excludedObjects.contains(operation.object))
            text += QStringLiteral("-- ") + tr("Left out of the migration.") + QLatin1Char('\n');
        QList<schema::Hazard> seen;
        for (schema::Hazard hazard : upgrade ? operation.hazards : operation.inverseHazards) {
            if (seen.contains(hazard))
                continue;
            seen.append(hazard);
            text += QStringLiteral("-- ") +
                    tr("Warning: %1").arg(SchemaDiffText::hazard(hazard, d->result.diff.engine)) +
                    QLatin1Char('\n');
        }
        for (const QString &statement : statements)
            text += statement + QStringLiteral(";\n");
        text += QLatin1Char('\n');
    };
    if (upgrade) {
        for (const Operation &operation : operations)
            add(operation);
    } else {
        for (auto it = operations.crbegin(); it != operations.crend(); ++it)
            add(*it);
    }
    return text;
}

void SchemaDiffView::showSelected()
{
    if (!d->hasResult)
        return;
    const QModelIndex current = d->tree->currentIndex().siblingAtColumn(0);
    const QString key = current.data(KeyRole).toString();
    const SchemaObject *before = d->result.from.model.find(key);
    const SchemaObject *after = d->result.to.model.find(key);
    // A schema the same on both sides is only a group.
    const bool group = key.isEmpty() || (!before && !after) ||
                       ((after ? after : before)->kind == schema::ObjectKind::Schema &&
                        !d->differences.contains(key));
    if (group) {
        // A group or nothing: the whole migration, as it would be written.
        d->left->clear();
        d->right->clear();
        d->left->setPlaceholderText(tr("Select an object to see its definition on both sides."));
        d->right->setPlaceholderText(d->left->placeholderText());
        d->leftChanged.clear();
        d->rightChanged.clear();
        const QList<Operation> kept = keptOperations();
        d->statementsTitle->setText(
            tr("The migration (%n operation(s)):", nullptr, int(kept.size())));
        d->statements->setPlainText(
            kept.isEmpty() ? QString()
                           : QStringLiteral("-- ") + tr("Upgrade") + QStringLiteral("\n") +
                                 script(kept, true) + QStringLiteral("-- ") + tr("Downgrade") +
                                 QStringLiteral("\n") + script(kept, false));
        return;
    }
    const QString leftText = schema::definitionText(before, d->result.from.model);
    const QString rightText = schema::definitionText(after, d->result.to.model);
    d->left->setPlainText(leftText);
    d->right->setPlainText(rightText);
    d->left->setPlaceholderText(tr("Not in this schema."));
    d->right->setPlaceholderText(tr("Not in this schema."));
    const ChangedLines changed = changedLines(leftText, rightText);
    d->leftChanged = changed.left;
    d->rightChanged = changed.right;
    highlight(d->left, changed.left, QColor(0xff, 0xd7, 0xd5));
    highlight(d->right, changed.right, QColor(0xd4, 0xf4, 0xd2));

    // The operations for the object, and for a relation those for its parts too.
    const SchemaObject &object = after ? *after : *before;
    QSet<QString> displays{object.display()};
    for (int i = 0; i < d->model->itemFromIndex(current)->rowCount(); ++i) {
        const QString part = current.model()->index(i, 0, current).data(KeyRole).toString();
        const SchemaObject *child = d->result.to.model.find(part);
        if (!child)
            child = d->result.from.model.find(part);
        if (child)
            displays.insert(child->display());
    }
    QList<Operation> operations;
    for (const Operation &operation : std::as_const(d->result.diff.operations)) {
        if (displays.contains(operation.object))
            operations.append(operation);
    }
    d->statementsTitle->setText(tr("Statements for %1:").arg(SchemaDiffText::object(object)));
    QString text;
    // None of its own (a SQLite column is added by its table's statements): its relation's.
    const QString relation = schema::relationKey(object, d->result.from.model, d->result.to.model);
    if (operations.isEmpty() && !relation.isEmpty() && d->differences.contains(key)) {
        const SchemaObject *owner = d->result.to.model.find(relation);
        if (!owner)
            owner = d->result.from.model.find(relation);
        for (const Operation &operation : std::as_const(d->result.diff.operations)) {
            if (operation.object == owner->display())
                operations.append(operation);
        }
        if (!operations.isEmpty())
            text +=
                QStringLiteral("-- ") +
                tr("Made or changed by the statements of %1:").arg(SchemaDiffText::object(*owner)) +
                QStringLiteral("\n");
    }

    if (operations.isEmpty())
        text += QStringLiteral("-- ") +
                (d->differences.contains(key)
                     ? tr("No statements of its own: it is made or changed with the object it "
                          "belongs to.")
                     : tr("Unchanged: no statements.")) +
                QStringLiteral("\n");
    else
        text += QStringLiteral("-- ") + tr("Upgrade") + QStringLiteral("\n") +
                script(operations, true) + QStringLiteral("-- ") + tr("Downgrade") +
                QStringLiteral("\n") + script(operations, false);
    d->statements->setPlainText(text);
}

bool SchemaDiffView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == d->create &&
        (event->type() == QEvent::ShowToParent || event->type() == QEvent::HideToParent))
        d->createReason->setVisible(event->type() == QEvent::ShowToParent);
    return QWidget::eventFilter(watched, event);
}

QStringList SchemaDiffView::leftOut() const
{
    return d->leftOut;
}

QStringList SchemaDiffView::alsoLeftOut() const
{
    return d->alsoLeftOutLines;
}

int SchemaDiffView::differenceCount() const
{
    return int(d->differences.size());
}

QTreeView *SchemaDiffView::tree() const
{
    return d->tree;
}

QAbstractItemModel *SchemaDiffView::model() const
{
    return d->model;
}

QString SchemaDiffView::leftText() const
{
    return d->left->toPlainText();
}

QString SchemaDiffView::rightText() const
{
    return d->right->toPlainText();
}

QString SchemaDiffView::statementsText() const
{
    return d->statements->toPlainText();
}

QString SchemaDiffView::summaryText() const
{
    return d->summary->text();
}

QList<int> SchemaDiffView::leftChangedLines() const
{
    return d->leftChanged;
}

QList<int> SchemaDiffView::rightChangedLines() const
{
    return d->rightChanged;
}

QPushButton *SchemaDiffView::createButton() const
{
    return d->create;
}

QString SchemaDiffView::createBlockedReason() const
{
    return d->create->isEnabled() ? QString() : d->createReason->text();
}

} // namespace strata::gui
