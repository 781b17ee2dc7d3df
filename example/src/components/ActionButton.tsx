import { Pressable, StyleSheet, Text } from 'react-native';

export function ActionButton(props: {
  title: string;
  onPress: () => void;
  disabled?: boolean;
  testID?: string;
}) {
  const { title, onPress, disabled = false, testID } = props;
  return (
    <Pressable
      testID={testID}
      accessibilityRole="button"
      accessibilityState={{ disabled }}
      disabled={disabled}
      onPress={onPress}
      style={({ pressed }) => [
        styles.button,
        disabled && styles.disabled,
        pressed && styles.pressed,
      ]}
    >
      <Text style={styles.title}>{title}</Text>
    </Pressable>
  );
}

const styles = StyleSheet.create({
  button: {
    backgroundColor: '#2f5cd6',
    borderRadius: 6,
    paddingHorizontal: 14,
    paddingVertical: 10,
    marginVertical: 4,
  },
  disabled: { backgroundColor: '#9aa6c4' },
  pressed: { opacity: 0.7 },
  title: { color: 'white', fontWeight: '600', textAlign: 'center' },
});
