"""Participants, groups, questions, assessments, schedules, dispatches, answers

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('assessment',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('tenant_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('channels', sa.ARRAY(sa.String(length=10)), nullable=False),
    sa.Column('email_fallback', sa.Boolean(), nullable=False),
    sa.Column('show_correct', sa.Boolean(), nullable=False),
    sa.Column('opens_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('closes_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('weekdays', sa.ARRAY(sa.Integer()), nullable=True),
    sa.Column('send_time', sa.Time(), nullable=True),
    sa.Column('starts_on', sa.Date(), nullable=True),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('reask_wrong_after_days', sa.Integer(), nullable=True),
    sa.Column('reminder_after_hours', sa.Integer(), nullable=True),
    sa.Column('max_reminders', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assessment'))
    )
    op.create_index('ix_assessment_status', 'assessment', ['status'], unique=False)
    op.create_index('ix_assessment_tenant_created', 'assessment', ['tenant_id', 'created_at'], unique=False)
    op.create_table('client_settings',
    sa.Column('tenant_id', sa.Uuid(), nullable=False),
    sa.Column('time_zone', sa.String(length=64), nullable=False),
    sa.Column('language', sa.String(length=2), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.PrimaryKeyConstraint('tenant_id', name=op.f('pk_client_settings'))
    )
    op.create_table('participant',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('tenant_id', sa.Uuid(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('email', sa.String(length=320), nullable=False),
    sa.Column('subject_ref', sa.String(length=56), nullable=False),
    sa.Column('language', sa.String(length=2), nullable=False),
    sa.Column('slack_team_id', sa.String(length=32), nullable=True),
    sa.Column('slack_user_id', sa.String(length=32), nullable=True),
    sa.Column('email_unsubscribed', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_participant')),
    sa.UniqueConstraint('tenant_id', 'email', name=op.f('uq_participant_tenant_id'))
    )
    op.create_index('ix_participant_slack', 'participant', ['tenant_id', 'slack_team_id'], unique=False)
    op.create_index('ix_participant_tenant_name', 'participant', ['tenant_id', 'name'], unique=False)
    op.create_index('ix_participant_tenant_subject', 'participant', ['tenant_id', 'subject_ref'], unique=False)
    op.create_table('participant_group',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('tenant_id', sa.Uuid(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_participant_group')),
    sa.UniqueConstraint('tenant_id', 'name', name=op.f('uq_participant_group_tenant_id'))
    )
    op.create_table('question',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('tenant_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('explanation', sa.Text(), nullable=True),
    sa.Column('topics', sa.ARRAY(sa.String(length=100)), nullable=False),
    sa.Column('scale_min', sa.Integer(), nullable=True),
    sa.Column('scale_max', sa.Integer(), nullable=True),
    sa.Column('report_count', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_question'))
    )
    op.create_index('ix_question_tenant_created', 'question', ['tenant_id', 'created_at'], unique=False)
    op.create_table('subject_restriction',
    sa.Column('tenant_id', sa.Uuid(), nullable=False),
    sa.Column('subject_ref', sa.String(length=56), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.PrimaryKeyConstraint('tenant_id', 'subject_ref', name=op.f('pk_subject_restriction'))
    )
    op.create_table('assessment_group',
    sa.Column('assessment_id', sa.Uuid(), nullable=False),
    sa.Column('group_id', sa.Uuid(), nullable=False),
    sa.Column('tenant_id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['assessment_id'], ['assessment.id'], name=op.f('fk_assessment_group_assessment_id_assessment'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['group_id'], ['participant_group.id'], name=op.f('fk_assessment_group_group_id_participant_group'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('assessment_id', 'group_id', name=op.f('pk_assessment_group'))
    )
    op.create_index('ix_assessment_group_group', 'assessment_group', ['group_id'], unique=False)
    op.create_table('assessment_participant',
    sa.Column('assessment_id', sa.Uuid(), nullable=False),
    sa.Column('participant_id', sa.Uuid(), nullable=False),
    sa.Column('tenant_id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['assessment_id'], ['assessment.id'], name=op.f('fk_assessment_participant_assessment_id_assessment'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['participant_id'], ['participant.id'], name=op.f('fk_assessment_participant_participant_id_participant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('assessment_id', 'participant_id', name=op.f('pk_assessment_participant'))
    )
    op.create_index('ix_assessment_participant_participant', 'assessment_participant', ['participant_id'], unique=False)
    op.create_table('assessment_question',
    sa.Column('assessment_id', sa.Uuid(), nullable=False),
    sa.Column('question_id', sa.Uuid(), nullable=False),
    sa.Column('tenant_id', sa.Uuid(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['assessment_id'], ['assessment.id'], name=op.f('fk_assessment_question_assessment_id_assessment'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['question_id'], ['question.id'], name=op.f('fk_assessment_question_question_id_question'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('assessment_id', 'question_id', name=op.f('pk_assessment_question'))
    )
    op.create_index('ix_assessment_question_question', 'assessment_question', ['question_id'], unique=False)
    op.create_table('dispatch',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('tenant_id', sa.Uuid(), nullable=False),
    sa.Column('assessment_id', sa.Uuid(), nullable=False),
    sa.Column('participant_id', sa.Uuid(), nullable=False),
    sa.Column('question_id', sa.Uuid(), nullable=True),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('slot_key', sa.String(length=20), nullable=False),
    sa.Column('local_date', sa.Date(), nullable=False),
    sa.Column('due_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('issued_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('issued_by', sa.String(length=100), nullable=True),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('answer_by', sa.DateTime(timezone=True), nullable=True),
    sa.Column('reminders_sent', sa.Integer(), nullable=False),
    sa.Column('last_sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.ForeignKeyConstraint(['assessment_id'], ['assessment.id'], name=op.f('fk_dispatch_assessment_id_assessment'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['participant_id'], ['participant.id'], name=op.f('fk_dispatch_participant_id_participant'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['question_id'], ['question.id'], name=op.f('fk_dispatch_question_id_question'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dispatch')),
    sa.UniqueConstraint('assessment_id', 'participant_id', 'slot_key', name=op.f('uq_dispatch_assessment_id'))
    )
    op.create_index('ix_dispatch_participant', 'dispatch', ['participant_id'], unique=False)
    op.create_index('ix_dispatch_planned_due', 'dispatch', ['due_at'], unique=False, postgresql_where=sa.text("status = 'planned'"))
    op.create_index('ix_dispatch_tenant_assessment', 'dispatch', ['tenant_id', 'assessment_id'], unique=False)
    op.create_table('group_member',
    sa.Column('group_id', sa.Uuid(), nullable=False),
    sa.Column('participant_id', sa.Uuid(), nullable=False),
    sa.Column('tenant_id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['participant_group.id'], name=op.f('fk_group_member_group_id_participant_group'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['participant_id'], ['participant.id'], name=op.f('fk_group_member_participant_id_participant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('group_id', 'participant_id', name=op.f('pk_group_member'))
    )
    op.create_index('ix_group_member_participant', 'group_member', ['participant_id'], unique=False)
    op.create_table('question_option',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('tenant_id', sa.Uuid(), nullable=False),
    sa.Column('question_id', sa.Uuid(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('label', sa.Text(), nullable=False),
    sa.Column('correct', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['question_id'], ['question.id'], name=op.f('fk_question_option_question_id_question'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_question_option'))
    )
    op.create_index('ix_question_option_question', 'question_option', ['question_id', 'position'], unique=False)
    op.create_table('question_report',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('tenant_id', sa.Uuid(), nullable=False),
    sa.Column('question_id', sa.Uuid(), nullable=False),
    sa.Column('reason', sa.String(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.ForeignKeyConstraint(['question_id'], ['question.id'], name=op.f('fk_question_report_question_id_question'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_question_report'))
    )
    op.create_index('ix_question_report_question', 'question_report', ['question_id'], unique=False)
    op.create_table('schedule_slot',
    sa.Column('assessment_id', sa.Uuid(), nullable=False),
    sa.Column('slot_key', sa.String(length=20), nullable=False),
    sa.Column('due_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('planned_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('planned_by', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['assessment_id'], ['assessment.id'], name=op.f('fk_schedule_slot_assessment_id_assessment'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('assessment_id', 'slot_key', name=op.f('pk_schedule_slot'))
    )
    op.create_table('answer',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('tenant_id', sa.Uuid(), nullable=False),
    sa.Column('assessment_id', sa.Uuid(), nullable=False),
    sa.Column('question_id', sa.Uuid(), nullable=False),
    sa.Column('dispatch_id', sa.Uuid(), nullable=True),
    sa.Column('participant_id', sa.Uuid(), nullable=True),
    sa.Column('subject_ref', sa.String(length=56), nullable=True),
    sa.Column('chosen_option_ids', sa.ARRAY(sa.Uuid()), nullable=False),
    sa.Column('scale_value', sa.Integer(), nullable=True),
    sa.Column('free_text', sa.Text(), nullable=True),
    sa.Column('correct', sa.Boolean(), nullable=True),
    sa.Column('channel', sa.String(length=10), nullable=False),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('answered_on', sa.Date(), nullable=False),
    sa.Column('time_to_answer_ms', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['assessment_id'], ['assessment.id'], name=op.f('fk_answer_assessment_id_assessment'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['dispatch_id'], ['dispatch.id'], name=op.f('fk_answer_dispatch_id_dispatch'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['participant_id'], ['participant.id'], name=op.f('fk_answer_participant_id_participant'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['question_id'], ['question.id'], name=op.f('fk_answer_question_id_question'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_answer')),
    sa.UniqueConstraint('dispatch_id', 'question_id', name=op.f('uq_answer_dispatch_id'))
    )
    op.create_index('ix_answer_assessment_question', 'answer', ['assessment_id', 'question_id'], unique=False)
    op.create_index('ix_answer_participant', 'answer', ['participant_id'], unique=False)
    op.create_index('ix_answer_tenant_subject', 'answer', ['tenant_id', 'subject_ref'], unique=False)
    op.create_table('answer_token',
    sa.Column('token_hash', sa.LargeBinary(length=32), nullable=False),
    sa.Column('tenant_id', sa.Uuid(), nullable=False),
    sa.Column('dispatch_id', sa.Uuid(), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.ForeignKeyConstraint(['dispatch_id'], ['dispatch.id'], name=op.f('fk_answer_token_dispatch_id_dispatch'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('token_hash', name=op.f('pk_answer_token'))
    )
    op.create_index('ix_answer_token_dispatch', 'answer_token', ['dispatch_id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_answer_token_dispatch', table_name='answer_token')
    op.drop_table('answer_token')
    op.drop_index('ix_answer_tenant_subject', table_name='answer')
    op.drop_index('ix_answer_participant', table_name='answer')
    op.drop_index('ix_answer_assessment_question', table_name='answer')
    op.drop_table('answer')
    op.drop_table('schedule_slot')
    op.drop_index('ix_question_report_question', table_name='question_report')
    op.drop_table('question_report')
    op.drop_index('ix_question_option_question', table_name='question_option')
    op.drop_table('question_option')
    op.drop_index('ix_group_member_participant', table_name='group_member')
    op.drop_table('group_member')
    op.drop_index('ix_dispatch_tenant_assessment', table_name='dispatch')
    op.drop_index('ix_dispatch_planned_due', table_name='dispatch', postgresql_where=sa.text("status = 'planned'"))
    op.drop_index('ix_dispatch_participant', table_name='dispatch')
    op.drop_table('dispatch')
    op.drop_index('ix_assessment_question_question', table_name='assessment_question')
    op.drop_table('assessment_question')
    op.drop_index('ix_assessment_participant_participant', table_name='assessment_participant')
    op.drop_table('assessment_participant')
    op.drop_index('ix_assessment_group_group', table_name='assessment_group')
    op.drop_table('assessment_group')
    op.drop_table('subject_restriction')
    op.drop_index('ix_question_tenant_created', table_name='question')
    op.drop_table('question')
    op.drop_table('participant_group')
    op.drop_index('ix_participant_tenant_subject', table_name='participant')
    op.drop_index('ix_participant_tenant_name', table_name='participant')
    op.drop_index('ix_participant_slack', table_name='participant')
    op.drop_table('participant')
    op.drop_table('client_settings')
    op.drop_index('ix_assessment_tenant_created', table_name='assessment')
    op.drop_index('ix_assessment_status', table_name='assessment')
    op.drop_table('assessment')
