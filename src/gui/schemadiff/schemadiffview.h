#pragma once

#include "schema/schemaworkbench.h"

#include <QString>
#include <QStringList>
#include <QWidget>

class QAbstractItemModel;
class QPushButton;
class QTreeView;

namespace strata::gui {

// One comparison shown: an object tree (schemas, tables with their columns, indexes,
// constraints and triggers, views, functions ...) with added, removed and changed marks and
// counts, a checkbox on each difference, and for the selected object both definitions side by
// side with the changed lines highlighted, and the statements that turn one into the other
// with their hazards. GUI only: the comparison (schema::DiffResult) is read by the Schema tab's
// worker; leaving objects out is the core's schema::leaveOut().
class SchemaDiffView : public QWidget
{
    Q_OBJECT

public:
    // What the tree's items carry besides their text (column 0).
    enum Role {
        KeyRole = Qt::UserRole + 1, // SchemaObject::key(); empty on a group
        ChangeRole,                 // a Mark
    };
    enum Mark { Group = -1, Added = 0, Removed = 1, Changed = 2, Unchanged = 3 };

    explicit SchemaDiffView(QWidget *parent = nullptr);
    ~SchemaDiffView() override;

    // Shows a comparison read by SchemaWorkbench::diff(): `result.from` on the left, `result.to`
    // on the right, `result.diff` as the statements. Every difference starts checked.
    void setResult(const strata::schema::DiffResult &result);
    // No comparison: the panes are emptied and `message` is shown in their place
    // ("Comparing ...", why it failed).
    void showMessage(const QString &message);

    // Keys (SchemaObject::key()) of the differences the user unchecked.
    QStringList leftOut() const;
    // What leaving those out also leaves out, one line each (schema::Selection::why); shown
    // under the tree.
    QStringList alsoLeftOut() const;
    // Differences shown (added + removed + changed objects).
    int differenceCount() const;

    // For tests: the tree, its model, the two definition panes' text and the statements pane's.
    QTreeView *tree() const;
    QAbstractItemModel *model() const;
    QString leftText() const;
    QString rightText() const;
    QString statementsText() const;
    // For tests: the summary line, the 0-based lines highlighted as changed in each definition
    // pane, the create button and why it is disabled (empty when enabled).
    QString summaryText() const;
    QList<int> leftChangedLines() const;
    QList<int> rightChangedLines() const;
    QPushButton *createButton() const;
    QString createBlockedReason() const;

    // Objects the same on both sides are hidden unless this is on (the "Show unchanged"
    // toggle).
    void setShowUnchanged(bool show);

Q_SIGNALS:
    // "Create migration from these changes" was pressed, with the keys left out.
    void createMigrationRequested(QStringList leftOut);

protected:
    // The create button's reason line shows only while the button does (the Schema tab hides
    // the button where no migration can be written from the comparison).
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void rebuildTree();
    void applyLeftOut();
    void updateCreate();
    void showSelected();
    // The operations of the migration as it would be written: the diff made again without the
    // objects left out.
    QList<strata::schema::Operation> keptOperations() const;
    // Operations as script text, hazards as translated warnings above their statements; the
    // inverses (last first) when not `upgrade`.
    QString script(const QList<strata::schema::Operation> &operations, bool upgrade) const;

    struct Private;
    Private *d;
};

} // namespace strata::gui
