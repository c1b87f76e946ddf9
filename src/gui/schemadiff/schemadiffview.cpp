// Placeholder: the Schema tab's view engineer replaces this file.
#include "schemadiff/schemadiffview.h"

#include <QLabel>
#include <QStandardItemModel>
#include <QTreeView>
#include <QVBoxLayout>

namespace strata::gui {

struct SchemaDiffView::Private
{
    QTreeView *tree = nullptr;
    QStandardItemModel *model = nullptr;
    QLabel *message = nullptr;
    int count = 0;
};

SchemaDiffView::SchemaDiffView(QWidget *parent) : QWidget(parent), d(new Private)
{
    auto *layout = new QVBoxLayout(this);
    d->message = new QLabel(this);
    d->model = new QStandardItemModel(this);
    d->tree = new QTreeView(this);
    d->tree->setModel(d->model);
    layout->addWidget(d->message);
    layout->addWidget(d->tree);
}

SchemaDiffView::~SchemaDiffView()
{
    delete d;
}

void SchemaDiffView::setResult(const strata::schema::DiffResult &result)
{
    d->count = int(result.diff.operations.size());
    d->message->clear();
}

void SchemaDiffView::showMessage(const QString &message)
{
    d->model->clear();
    d->count = 0;
    d->message->setText(message);
}

QStringList SchemaDiffView::leftOut() const
{
    return {};
}

QStringList SchemaDiffView::alsoLeftOut() const
{
    return {};
}

int SchemaDiffView::differenceCount() const
{
    return d->count;
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
    return {};
}

QString SchemaDiffView::rightText() const
{
    return {};
}

QString SchemaDiffView::statementsText() const
{
    return {};
}

} // namespace strata::gui
