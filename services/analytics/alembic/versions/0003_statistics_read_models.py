"""Statistics read models: facts per dispatch and answer, and the running totals over them.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('answer_fact',
    sa.Column('id', sa.BigInteger(), sa.Identity(always=False), nullable=False),
    sa.Column('tenant_id', sa.Uuid(), nullable=False),
    sa.Column('assessment_id', sa.Uuid(), nullable=False),
    sa.Column('question_id', sa.Uuid(), nullable=False),
    sa.Column('dispatch_id', sa.Uuid(), nullable=True),
    sa.Column('subject_ref', sa.String(length=56), nullable=True),
    sa.Column('chosen_option_ids', postgresql.ARRAY(sa.Uuid()), nullable=False),
    sa.Column('correct', sa.Boolean(), nullable=True),
    sa.Column('scale_value', sa.Integer(), nullable=True),
    sa.Column('free_text_given', sa.Boolean(), nullable=False),
    sa.Column('time_to_answer_ms', sa.BigInteger(), nullable=False),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('answered_on', sa.Date(), nullable=False),
    sa.Column('topics', postgresql.ARRAY(sa.Text()), nullable=False),
    sa.Column('group_ids', postgresql.ARRAY(sa.Uuid()), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_answer_fact')),
    sa.UniqueConstraint('tenant_id', 'dispatch_id', 'question_id', name=op.f('uq_answer_fact_tenant_id'))
    )
    op.create_index('ix_answer_fact_assessment', 'answer_fact', ['tenant_id', 'assessment_id'], unique=False)
    op.create_index('ix_answer_fact_subject', 'answer_fact', ['tenant_id', 'subject_ref'], unique=False)
    op.create_table('answer_second_count',
    sa.Column('tenant_id', sa.Uuid(), nullable=False),
    sa.Column('assessment_id', sa.Uuid(), nullable=False),
    sa.Column('seconds', sa.BigInteger(), nullable=False),
    sa.Column('answers', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('tenant_id', 'assessment_id', 'seconds', name=op.f('pk_answer_second_count'))
    )
    op.create_table('assessment_info',
    sa.Column('tenant_id', sa.Uuid(), nullable=False),
    sa.Column('assessment_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('question_ids', postgresql.ARRAY(sa.Uuid()), nullable=False),
    sa.PrimaryKeyConstraint('tenant_id', 'assessment_id', name=op.f('pk_assessment_info'))
    )
    op.create_table('assessment_stats',
    sa.Column('tenant_id', sa.Uuid(), nullable=False),
    sa.Column('assessment_id', sa.Uuid(), nullable=False),
    sa.Column('dispatched', sa.BigInteger(), nullable=False),
    sa.Column('sent', sa.BigInteger(), nullable=False),
    sa.Column('delivered', sa.BigInteger(), nullable=False),
    sa.Column('bounced', sa.BigInteger(), nullable=False),
    sa.Column('suppressed', sa.BigInteger(), nullable=False),
    sa.Column('answered_dispatches', sa.BigInteger(), nullable=False),
    sa.Column('answers', sa.BigInteger(), nullable=False),
    sa.Column('graded_answers', sa.BigInteger(), nullable=False),
    sa.Column('correct_answers', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('tenant_id', 'assessment_id', name=op.f('pk_assessment_stats'))
    )
    op.create_table('deleted_assessment',
    sa.Column('tenant_id', sa.Uuid(), nullable=False),
    sa.Column('assessment_id', sa.Uuid(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.PrimaryKeyConstraint('tenant_id', 'assessment_id', name=op.f('pk_deleted_assessment'))
    )
    op.create_table('dispatch_fact',
    sa.Column('tenant_id', sa.Uuid(), nullable=False),
    sa.Column('dispatch_id', sa.Uuid(), nullable=False),
    sa.Column('assessment_id', sa.Uuid(), nullable=False),
    sa.Column('question_id', sa.Uuid(), nullable=True),
    sa.Column('kind', sa.String(length=32), nullable=True),
    sa.Column('subject_ref', sa.String(length=56), nullable=True),
    sa.Column('group_ids', postgresql.ARRAY(sa.Uuid()), nullable=False),
    sa.Column('dispatched_on', sa.Date(), nullable=True),
    sa.Column('created', sa.Boolean(), nullable=False),
    sa.Column('sent', sa.Boolean(), nullable=False),
    sa.Column('delivered', sa.Boolean(), nullable=False),
    sa.Column('bounced', sa.Boolean(), nullable=False),
    sa.Column('suppressed', sa.Boolean(), nullable=False),
    sa.Column('answered', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('tenant_id', 'dispatch_id', name=op.f('pk_dispatch_fact'))
    )
    op.create_index('ix_dispatch_fact_assessment', 'dispatch_fact', ['tenant_id', 'assessment_id'], unique=False)
    op.create_index('ix_dispatch_fact_subject', 'dispatch_fact', ['tenant_id', 'subject_ref', 'dispatched_on'], unique=False)
    op.create_table('option_count',
    sa.Column('tenant_id', sa.Uuid(), nullable=False),
    sa.Column('assessment_id', sa.Uuid(), nullable=False),
    sa.Column('question_id', sa.Uuid(), nullable=False),
    sa.Column('option_id', sa.Uuid(), nullable=False),
    sa.Column('chosen', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('tenant_id', 'assessment_id', 'question_id', 'option_id', name=op.f('pk_option_count'))
    )
    op.create_table('participant_stats',
    sa.Column('tenant_id', sa.Uuid(), nullable=False),
    sa.Column('subject_ref', sa.String(length=56), nullable=False),
    sa.Column('answers', sa.BigInteger(), nullable=False),
    sa.Column('graded_answers', sa.BigInteger(), nullable=False),
    sa.Column('correct_answers', sa.BigInteger(), nullable=False),
    sa.Column('last_answered_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('tenant_id', 'subject_ref', name=op.f('pk_participant_stats'))
    )
    op.create_table('question_info',
    sa.Column('tenant_id', sa.Uuid(), nullable=False),
    sa.Column('question_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('option_ids', postgresql.ARRAY(sa.Uuid()), nullable=False),
    sa.Column('correct_option_ids', postgresql.ARRAY(sa.Uuid()), nullable=False),
    sa.Column('scale_minimum', sa.Integer(), nullable=True),
    sa.Column('scale_maximum', sa.Integer(), nullable=True),
    sa.Column('topics', postgresql.ARRAY(sa.Text()), nullable=False),
    sa.PrimaryKeyConstraint('tenant_id', 'question_id', name=op.f('pk_question_info'))
    )
    op.create_table('question_stats',
    sa.Column('tenant_id', sa.Uuid(), nullable=False),
    sa.Column('assessment_id', sa.Uuid(), nullable=False),
    sa.Column('question_id', sa.Uuid(), nullable=False),
    sa.Column('answers', sa.BigInteger(), nullable=False),
    sa.Column('graded_answers', sa.BigInteger(), nullable=False),
    sa.Column('correct_answers', sa.BigInteger(), nullable=False),
    sa.Column('free_text_answers', sa.BigInteger(), nullable=False),
    sa.Column('scale_answers', sa.BigInteger(), nullable=False),
    sa.Column('scale_total', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('tenant_id', 'assessment_id', 'question_id', name=op.f('pk_question_stats'))
    )
    op.create_table('restricted_subject',
    sa.Column('tenant_id', sa.Uuid(), nullable=False),
    sa.Column('subject_ref', sa.String(length=56), nullable=False),
    sa.Column('restricted_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.PrimaryKeyConstraint('tenant_id', 'subject_ref', name=op.f('pk_restricted_subject'))
    )
    op.create_table('scale_count',
    sa.Column('tenant_id', sa.Uuid(), nullable=False),
    sa.Column('assessment_id', sa.Uuid(), nullable=False),
    sa.Column('question_id', sa.Uuid(), nullable=False),
    sa.Column('value', sa.Integer(), nullable=False),
    sa.Column('answers', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('tenant_id', 'assessment_id', 'question_id', 'value', name=op.f('pk_scale_count'))
    )
    op.create_table('trend_cell',
    sa.Column('tenant_id', sa.Uuid(), nullable=False),
    sa.Column('dimension', sa.String(length=8), nullable=False),
    sa.Column('key', sa.Text(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('answers', sa.BigInteger(), nullable=False),
    sa.Column('graded_answers', sa.BigInteger(), nullable=False),
    sa.Column('correct_answers', sa.BigInteger(), nullable=False),
    sa.Column('respondents', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('tenant_id', 'dimension', 'key', 'day', name=op.f('pk_trend_cell'))
    )
    op.create_table('trend_respondent',
    sa.Column('tenant_id', sa.Uuid(), nullable=False),
    sa.Column('dimension', sa.String(length=8), nullable=False),
    sa.Column('key', sa.Text(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('subject_ref', sa.String(length=56), nullable=False),
    sa.PrimaryKeyConstraint('tenant_id', 'dimension', 'key', 'day', 'subject_ref', name=op.f('pk_trend_respondent'))
    )


def downgrade() -> None:
    op.drop_table('trend_respondent')
    op.drop_table('trend_cell')
    op.drop_table('scale_count')
    op.drop_table('restricted_subject')
    op.drop_table('question_stats')
    op.drop_table('question_info')
    op.drop_table('participant_stats')
    op.drop_table('option_count')
    op.drop_index('ix_dispatch_fact_subject', table_name='dispatch_fact')
    op.drop_index('ix_dispatch_fact_assessment', table_name='dispatch_fact')
    op.drop_table('dispatch_fact')
    op.drop_table('deleted_assessment')
    op.drop_table('assessment_stats')
    op.drop_table('assessment_info')
    op.drop_table('answer_second_count')
    op.drop_index('ix_answer_fact_subject', table_name='answer_fact')
    op.drop_index('ix_answer_fact_assessment', table_name='answer_fact')
    op.drop_table('answer_fact')
